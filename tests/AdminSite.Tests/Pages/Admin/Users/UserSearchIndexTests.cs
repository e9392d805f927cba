using AdminSite.Data;
using AdminSite.Pages.Admin.Users;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// The user names SQLite's search index keeps beside its rows (the UserSearchNames migration), from which a search's
/// first candidate in name order is read: filled from the users a database holds when the migration runs, then kept
/// by triggers whoever writes, EF Core or plain SQL, so that a walk starting there never misses a match.
/// </summary>
[TestFixture]
public sealed class UserSearchIndexTests
{
    private const string MigrationBefore = "20261202180153_TableRowCounts";

    private SqliteFileDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new SqliteFileDatabase();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task The_names_a_database_holds_are_kept_when_the_migration_runs()
    {
        await using var db = _database.Open();
        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await SqliteFileDatabase.InsertUsersAsync(db, 3, 5);

        await db.Database.MigrateAsync();

        (await FirstAsync(db, "user", descending: false)).Should().Be("user3");
        (await FirstAsync(db, "user", descending: true)).Should().Be("user7");
    }

    [Test]
    public async Task Inserts_and_renames_by_EF_Core_or_plain_SQL_move_the_first_candidate()
    {
        await using var db = _database.Open();
        await db.Database.MigrateAsync();
        await SqliteFileDatabase.InsertUsersAsync(db, 3, 5);

        db.Users.Add(new AdminSite.Identity.AdminUser { Id = "ef", UserName = "user10", NormalizedUserName = "USER10" });
        await db.SaveChangesAsync();
        (await FirstAsync(db, "user", descending: false)).Should().Be("user10", "an insert by EF Core is kept");

        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "UserName" = 'auser5', "NormalizedUserName" = 'AUSER5' WHERE "Id" = 'id5'""");
        (await FirstAsync(db, "user", descending: false)).Should().Be("auser5", "a rename in plain SQL is followed");

        var renamed = await db.Users.SingleAsync(u => u.Id == "id7");
        renamed.UserName = "zuser7";
        renamed.NormalizedUserName = "ZUSER7";
        await db.SaveChangesAsync();
        (await FirstAsync(db, "user", descending: true)).Should().Be("zuser7", "a rename by EF Core is followed");

        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "Id" = 'moved', "UserName" = 'aauser4', "NormalizedUserName" = 'AAUSER4' WHERE "Id" = 'id4'""");
        (await FirstAsync(db, "user", descending: false)).Should().Be("aauser4", "a statement that changes the Id too is followed");
    }

    [Test]
    public async Task A_candidate_without_a_user_name_leaves_no_first_candidate()
    {
        await using var db = _database.Open();
        await db.Database.MigrateAsync();
        await SqliteFileDatabase.InsertUsersAsync(db, 3, 2);

        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "UserName" = NULL, "NormalizedUserName" = NULL WHERE "Id" = 'id4'""");

        (await FirstAsync(db, "user", descending: false)).Should().BeNull("the user still matches by e-mail and would sort before every name");
        (await FirstAsync(db, "nobody", descending: false)).Should().BeNull("there is no candidate");
    }

    [Test]
    public async Task Rolling_the_migration_back_leaves_no_trigger_or_column_behind()
    {
        await using var db = _database.Open();
        await db.Database.MigrateAsync();

        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await SqliteFileDatabase.InsertUsersAsync(db, 0, 1);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "UserName" = 'renamed' WHERE "Id" = 'id0'""");

        (await db.Database.SqlQueryRaw<string>("""SELECT "name" AS "Value" FROM sqlite_master WHERE "name" IN ('UserSearchRows_UserName_Insert', 'AspNetUsers_UserSearchRows_UserName')""").ToListAsync())
            .Should().BeEmpty();
        (await db.Database.SqlQueryRaw<string>("""SELECT "name" AS "Value" FROM pragma_table_info('UserSearchRows')""").ToListAsync())
            .Should().Equal("RowId", "UserId");
    }

    private static async Task<string?> FirstAsync(AdminDbContext db, string term, bool descending)
    {
        var candidates = await UserSearchIndex.CandidatesAsync(db, [term], CancellationToken.None);
        return await UserSearchIndex.FirstUserNameAsync(db, candidates!, descending, CancellationToken.None);
    }
}

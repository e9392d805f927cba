using AdminSite.Data;
using AdminSite.Pages.Admin.Users;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// SQLite's index for terms of one or two characters (the UserSearchPairs migration): filled from the users a database
/// holds when the migration runs, then kept by triggers whoever writes, EF Core or plain SQL, so that a search made
/// only of short terms finds every match from it. What the search finds is UserSearchExactnessTests'; these check
/// that the index is the one asked and that it misses no user.
/// </summary>
[TestFixture]
public sealed class UserSearchPairsTests
{
    private const string MigrationBefore = "20261203130900_UserSearchNames";

    private SqliteFileDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new SqliteFileDatabase();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [TestCase("Z", "\u0001Z\u0001")]
    [TestCase("ZZ", "Z\u0001Z")]
    [TestCase("𝒳", "\u0001𝒳\u0001")]
    [TestCase("𝒳Y", "𝒳\u0001Y")]
    public void A_short_term_is_looked_up_spaced_out_as_the_index_keeps_it(string term, string trigram) =>
        UserSearchIndex.SpacedOut(term).Select(t => t.Text).Should().Equal(trigram);

    [TestCase("ZZZ")]
    [TestCase("Z\0")]
    [TestCase("")]
    public void A_longer_term_or_one_with_a_NUL_is_not(string term) =>
        UserSearchIndex.SpacedOut(term).Should().BeEmpty();

    [Test]
    public async Task The_users_a_database_holds_are_found_when_the_migration_runs()
    {
        await using var db = _database.Open();
        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await SqliteFileDatabase.InsertUsersAsync(db, 3, 5);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "LastName" = 'öz' WHERE "Id" = 'id4'""");

        await db.Database.MigrateAsync();

        (await CandidatesAsync(db, "r7")).Should().Equal("user7");
        (await CandidatesAsync(db, "ÖZ")).Should().Equal(["user4"], "a last name is kept upper-cased by .NET's rules");
        (await CandidatesAsync(db, "7")).Should().Equal("user7");
        (await CandidatesAsync(db, "q")).Should().BeEmpty();
    }

    [Test]
    public async Task Inserts_renames_and_deletions_by_EF_Core_or_plain_SQL_are_followed()
    {
        await using var db = _database.Open();
        await db.Database.MigrateAsync();
        await SqliteFileDatabase.InsertUsersAsync(db, 3, 5);

        db.Users.Add(new AdminSite.Identity.AdminUser { Id = "ef", UserName = "jazz", NormalizedUserName = "JAZZ", FirstName = "", LastName = "" });
        await db.SaveChangesAsync();
        (await CandidatesAsync(db, "zz")).Should().Equal(["jazz"], "an insert by EF Core is kept, a pair at the end of a value too");

        await db.Database.ExecuteSqlRawAsync("""
            UPDATE "AspNetUsers" SET "UserName" = 'qq5', "NormalizedUserName" = 'QQ5', "Email" = NULL, "NormalizedEmail" = NULL WHERE "Id" = 'id5'
            """);
        (await CandidatesAsync(db, "qq")).Should().Equal(["qq5"], "a rename in plain SQL is followed");
        (await CandidatesAsync(db, "r5")).Should().BeEmpty("the old name and address are gone");

        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "Id" = 'moved', "FirstName" = 'Xy' WHERE "Id" = 'id4'""");
        (await CandidatesAsync(db, "xy")).Should().Equal(["user4"], "a statement that changes the Id too is followed");

        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetUsers" WHERE "Id" = 'id6'""");
        db.Users.Remove(await db.Users.SingleAsync(u => u.Id == "ef"));
        await db.SaveChangesAsync();
        (await CandidatesAsync(db, "r6")).Should().BeEmpty("a deletion in plain SQL is followed");
        (await CandidatesAsync(db, "zz")).Should().BeEmpty("a deletion by EF Core is followed");
        (await CandidatesAsync(db, "y")).Should().Equal("user4");
    }

    [Test]
    public async Task Only_a_search_without_a_term_of_three_characters_asks_it()
    {
        await using var db = _database.Open();
        await db.Database.MigrateAsync();

        (await UserSearchIndex.CandidatesAsync(db, ["zz", "q"], CancellationToken.None))!.Table.Should().Be("UserSearchPairs");
        (await UserSearchIndex.CandidatesAsync(db, ["zz", "user"], CancellationToken.None))!.Table.Should().Be("UserSearch", "USER has trigrams, and zz is checked on what they find");
        (await UserSearchIndex.CandidatesAsync(db, ["\0"], CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task Rolling_the_migration_back_leaves_no_table_or_trigger_behind()
    {
        await using var db = _database.Open();
        await db.Database.MigrateAsync();

        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await SqliteFileDatabase.InsertUsersAsync(db, 0, 2);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "UserName" = 'renamed', "Id" = 'moved' WHERE "Id" = 'id0'""");
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetUsers" WHERE "Id" = 'id1'""");

        (await db.Database.SqlQueryRaw<string>("""SELECT "name" AS "Value" FROM sqlite_master WHERE "name" LIKE '%UserSearchPairs%'""").ToListAsync())
            .Should().BeEmpty();
    }

    private static async Task<List<string>> CandidatesAsync(AdminDbContext db, string term)
    {
        var candidates = (await UserSearchIndex.CandidatesAsync(db, [term], CancellationToken.None))!;
        candidates.Table.Should().Be("UserSearchPairs");
        return await candidates.Users.Select(u => u.UserName!).OrderBy(n => n).ToListAsync();
    }
}

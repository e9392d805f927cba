using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminSite.Tests.Data;

/// <summary>
/// SQLite's kept count of users (<see cref="TableRowCount"/>): set from the users a database already holds when the
/// migration runs, then kept exact by its triggers whoever writes, EF Core or plain SQL.
/// </summary>
[TestFixture]
public sealed class TableRowCountTests
{
    private const string MigrationBefore = "20261201155126_ChangeListIndexes";

    private SqliteFileDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new SqliteFileDatabase();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task The_users_a_database_holds_are_counted_when_the_migration_runs()
    {
        await using var db = Open();
        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await SqliteFileDatabase.InsertUsersAsync(db, 0, 3);

        await db.Database.MigrateAsync();

        (await KeptAsync(db)).Should().Be(3);
    }

    [Test]
    public async Task Every_insert_and_delete_keeps_the_count_exact()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();

        await SqliteFileDatabase.InsertUsersAsync(db, 0, 5);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetUsers" WHERE "UserName" IN ('user0', 'user1')""");
        db.Users.Remove(await db.Users.SingleAsync(u => u.UserName == "user2"));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "UserName" = 'renamed' WHERE "UserName" = 'user3'""");

        (await KeptAsync(db)).Should().Be(2).And.Be(await db.Users.CountAsync());
    }

    [Test]
    public async Task Rolling_the_migration_back_leaves_no_trigger_behind()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();

        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await SqliteFileDatabase.InsertUsersAsync(db, 0, 1);

        (await db.Database.SqlQueryRaw<string>("""SELECT "name" AS "Value" FROM sqlite_master WHERE "name" LIKE '%TableRowCounts%'""").ToListAsync())
            .Should().BeEmpty();
    }

    private SqliteAdminDbContext Open() => _database.Open();

    private static Task<long> KeptAsync(SqliteAdminDbContext db) =>
        db.TableRowCounts.Where(c => c.Table == "AspNetUsers").Select(c => c.Rows).SingleAsync();
}

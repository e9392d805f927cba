using AdminSite.Data;
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

    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("table-row-count-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_users_a_database_holds_are_counted_when_the_migration_runs()
    {
        await using var db = Open();
        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await InsertUsersAsync(db, 0, 3);

        await db.Database.MigrateAsync();

        (await KeptAsync(db)).Should().Be(3);
    }

    [Test]
    public async Task Every_insert_and_delete_keeps_the_count_exact()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();

        await InsertUsersAsync(db, 0, 5);
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
        await InsertUsersAsync(db, 0, 1);

        (await db.Database.SqlQueryRaw<string>("""SELECT "name" AS "Value" FROM sqlite_master WHERE "name" LIKE '%TableRowCounts%'""").ToListAsync())
            .Should().BeEmpty();
    }

    private SqliteAdminDbContext Open() => new(new DbContextOptionsBuilder<SqliteAdminDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder, "admin-site.db")}")
        .AddInterceptors(SqliteUnicodeFunctions.Instance).Options);

    private static Task<long> KeptAsync(SqliteAdminDbContext db) =>
        db.TableRowCounts.Where(c => c.Table == "AspNetUsers").Select(c => c.Rows).SingleAsync();

    private static Task InsertUsersAsync(SqliteAdminDbContext db, int from, int count) => db.Database.ExecuteSqlAsync($"""
        WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i < {from + count - 1})
        INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
            "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
            "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
        SELECT 'id' || i, 'user' || i, 'USER' || i, 'user' || i || '@example.com', 'USER' || i || '@EXAMPLE.COM', 0,
            'stamp', 'stamp', 0, 0, 1, 0, 'First', 'Last', 1, 0, 0, '2024-01-01 00:00:00'
        FROM n
        """);
}

using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// The UserSearchPairs migration on PostgreSQL builds its index concurrently, outside a transaction, so a pod killed
/// during the build leaves an invalid index behind and no record of the migration: the next attempt must get past it.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[NonParallelizable]
public sealed class PostgreSqlPairIndexMigrationTests
{
    private const string MigrationBefore = "20261201155319_ChangeListIndexes";

    private readonly string _database = $"admin_site_test_{Guid.NewGuid():N}";
    private string _connectionString = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync(_database);

    [TearDown]
    public async Task DropDatabaseAsync() => await PostgresServer.DropDatabaseAsync(_database);

    [Test]
    public async Task A_build_cut_short_leaves_an_invalid_index_that_the_next_attempt_replaces()
    {
        await using var db = Open();
        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled",
                "LockoutEnabled", "AccessFailedCount", "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
            VALUES ('a', 'jazz', 'JAZZ', false, false, false, true, 0, 'Same', 'Same', true, false, false, now()),
                   ('b', 'fizz', 'FIZZ', false, false, false, true, 0, 'Same', 'Same', true, false, false, now())
            """);
        // A concurrent build that fails half-way leaves what a killed one does: an index of the name, marked invalid.
        var failed = async () => await db.Database.ExecuteSqlRawAsync("""CREATE UNIQUE INDEX CONCURRENTLY "IX_AspNetUsers_SearchPairs" ON "AspNetUsers" ("FirstName")""");
        await failed.Should().ThrowAsync<Npgsql.PostgresException>();
        (await IndexAsync(db)).Should().Be(new IndexState(Valid: false, Gin: false), "the failed build left an invalid index, not a GIN one");

        await db.Database.MigrateAsync();

        (await IndexAsync(db)).Should().Be(new IndexState(Valid: true, Gin: true));
        (await db.Database.SqlQueryRaw<string>(
                """SELECT "UserName" AS "Value" FROM "AspNetUsers" WHERE "UserSearchPairs"("NormalizedUserName") @> ARRAY['ZZ'] ORDER BY 1""").ToListAsync())
            .Should().Equal("fizz", "jazz");
    }

    [Test]
    public async Task Rolling_the_migration_back_leaves_no_index_or_function_behind()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();

        await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);

        (await db.Database.SqlQueryRaw<string>("""
            SELECT relname::text AS "Value" FROM pg_class WHERE relname = 'IX_AspNetUsers_SearchPairs'
            UNION ALL SELECT proname::text FROM pg_proc WHERE proname = 'UserSearchPairs'
            """).ToListAsync()).Should().BeEmpty();
    }

    private PostgresAdminDbContext Open() =>
        new(new DbContextOptionsBuilder<PostgresAdminDbContext>().UseNpgsql(_connectionString).Options);

    /// <summary>Whether the index of that name is valid and a GIN index.</summary>
    private static Task<IndexState> IndexAsync(AdminDbContext db) =>
        db.Database.SqlQueryRaw<IndexState>("""
            SELECT i.indisvalid AS "Valid", a.amname = 'gin' AS "Gin"
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
            WHERE c.relname = 'IX_AspNetUsers_SearchPairs'
            """).SingleAsync();

    private sealed record IndexState(bool Valid, bool Gin);
}

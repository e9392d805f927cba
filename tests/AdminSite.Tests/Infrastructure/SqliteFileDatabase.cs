using AdminSite.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// A SQLite database file of its own, without a site, for tests that migrate it step by step and write to it with
/// plain SQL, as the previous release's code or an operator would (<c>TableRowCountTests</c>, <c>UserSearchIndexTests</c>).
/// </summary>
public sealed class SqliteFileDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sqlite-file-").FullName;

    /// <summary>A context on the file, with the site's Unicode upper() that the search index's triggers call.</summary>
    public SqliteAdminDbContext Open() => new(new DbContextOptionsBuilder<SqliteAdminDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder, "admin-site.db")}")
        .AddInterceptors(SqliteUnicodeFunctions.Instance).Options);

    /// <summary>Users user{from} ... with ids id{from} ..., in one statement that no EF Core code runs.</summary>
    public static Task InsertUsersAsync(AdminDbContext db, int from, int count) => db.Database.ExecuteSqlAsync($"""
        WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i < {from + count - 1})
        INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
            "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
            "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
        SELECT 'id' || i, 'user' || i, 'USER' || i, 'user' || i || '@example.com', 'USER' || i || '@EXAMPLE.COM', 0,
            'stamp', 'stamp', 0, 0, 1, 0, 'First', 'Last', 1, 0, 0, '2024-01-01 00:00:00'
        FROM n
        """);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

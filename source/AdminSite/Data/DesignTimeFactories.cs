using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdminSite.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build each provider's model without starting the site or reaching a database.
/// </summary>
public static class DesignTimeFactories
{
    public sealed class Sqlite : IDesignTimeDbContextFactory<SqliteAdminDbContext>
    {
        // `dotnet ef database update` runs the migrations' SQL too: the search index's upper() must be the site's.
        public SqliteAdminDbContext CreateDbContext(string[] args) =>
            new(new DbContextOptionsBuilder<SqliteAdminDbContext>().UseSqlite("Data Source=design-time.db")
                .AddInterceptors(SqliteUnicodeFunctions.Instance).Options);
    }

    public sealed class PostgreSql : IDesignTimeDbContextFactory<PostgresAdminDbContext>
    {
        // Adding a migration never connects, so a placeholder connection string is enough.
        public PostgresAdminDbContext CreateDbContext(string[] args) =>
            new(new DbContextOptionsBuilder<PostgresAdminDbContext>().UseNpgsql("Host=localhost;Database=admin_site").Options);
    }
}

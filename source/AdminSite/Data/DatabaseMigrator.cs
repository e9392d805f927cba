using Microsoft.EntityFrameworkCore;

namespace AdminSite.Data;

/// <summary>
/// Brings the database to this build's schema: the site on start and the <c>migrate</c> command both run it,
/// and both refuse a schema newer than this build knows.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();

        // Replicas (or init containers) starting together take turns: the first applies the migrations, the
        // others then find nothing left to do, and nobody checks the schema while another is changing it.
        await using var migrationLock = await MigrationLock.AcquireAsync(db, cancellationToken);
        await db.EnsureSchemaNotNewerAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers carry on while SQLite's single writer works.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Stops with <see cref="SchemaTooNewException"/> when the database was migrated by a newer build.</summary>
    public static async Task EnsureSchemaNotNewerAsync(this AdminDbContext db, CancellationToken cancellationToken = default)
    {
        var schema = await SchemaVersion.ReadAsync(db.Database, cancellationToken);
        if (schema.IsNewerThanBuild)
        {
            throw new SchemaTooNewException(schema.NewerThanBuildMessage);
        }
    }
}

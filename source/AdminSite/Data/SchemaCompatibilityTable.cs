using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminSite.Data;

/// <summary>
/// <c>__SchemaCompatibility</c>: for each migration a build has known while migrating, the oldest migration a build
/// must know to run on a schema that includes it (null: any build). Written by the build that knows the migration,
/// read by older builds, which cannot analyse a migration they do not have.
/// </summary>
internal static class SchemaCompatibilityTable
{
    public const string TableName = "__SchemaCompatibility";

    private const string CreateSqlite =
        "CREATE TABLE \"" + TableName + "\" (\"MigrationId\" TEXT NOT NULL PRIMARY KEY, \"OldestCompatibleMigration\" TEXT NULL)";

    // The width of EF Core's own history table's ids.
    private const string CreatePostgreSql =
        "CREATE TABLE \"" + TableName + "\" (\"MigrationId\" character varying(150) NOT NULL PRIMARY KEY, \"OldestCompatibleMigration\" character varying(150) NULL)";

    /// <summary>Records the analyser's verdict on every migration this build knows that has no row yet (under the migration lock).</summary>
    public static async Task RecordAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        var recorded = await ReadAsync(db.Database, cancellationToken);
        var known = db.Database.GetMigrations().ToList();
        if (known.All(recorded.ContainsKey))
        {
            return;
        }

        if (!await TableProbe.ExistsAsync(db.Database, TableName, cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? CreatePostgreSql : CreateSqlite, cancellationToken);
        }

        // Every migration, applied or not: a row must exist before its migration can be applied, or a run killed in
        // between would leave older builds unable to tell.
        foreach (var verdict in MigrationAnalyser.Analyse(MigrationAnalyser.StepsOf(db)).Where(v => !recorded.ContainsKey(v.MigrationId)))
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"__SchemaCompatibility\" (\"MigrationId\", \"OldestCompatibleMigration\") VALUES ({verdict.MigrationId}, {verdict.OldestCompatibleMigration}) ON CONFLICT (\"MigrationId\") DO NOTHING",
                cancellationToken);
        }
    }

    /// <summary>Each recorded migration with the oldest migration a build must know to serve it (null: any build).</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> ReadAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!await TableProbe.ExistsAsync(database, TableName, cancellationToken))
        {
            return new Dictionary<string, string?>();
        }

        var rows = await database.SqlQueryRaw<Row>("SELECT \"MigrationId\", \"OldestCompatibleMigration\" FROM \"" + TableName + "\"").ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.MigrationId, r => r.OldestCompatibleMigration, StringComparer.Ordinal);
    }

    private sealed class Row
    {
        public required string MigrationId { get; init; }

        public string? OldestCompatibleMigration { get; init; }
    }
}

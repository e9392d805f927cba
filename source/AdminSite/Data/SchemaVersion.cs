using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminSite.Data;

/// <summary>
/// How the database's applied migrations compare with the ones this build carries. A database migrated by a
/// newer image (a rollback of the code, or an old pod during a rolling deploy) must not be served by older
/// code that does not know its shape.
/// </summary>
public sealed record SchemaVersion(IReadOnlyList<string> Unknown, IReadOnlyList<string> Pending, string? NewestApplied, string? NewestKnown)
{
    public bool IsNewerThanBuild => Unknown.Count > 0;

    public string NewerThanBuildMessage =>
        $"The database schema is at migration {NewestApplied}, newer than this build knows ({NewestKnown ?? "none"}). " +
        "Deploy the newer image, or roll the database back.";

    public string PendingMessage =>
        $"The database lacks {Pending.Count} migration(s) this build needs (newest {Pending[^1]}): run `AdminSite migrate`.";

    public static async Task<SchemaVersion> ReadAsync(DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        // Migration ids start with a UTC timestamp, so ordinal order is the order they were written in.
        var known = database.GetMigrations().Order(StringComparer.Ordinal).ToList();
        var applied = (await AppliedMigrationsAsync(database, cancellationToken)).Order(StringComparer.Ordinal).ToList();
        return new SchemaVersion(
            applied.Except(known, StringComparer.Ordinal).ToList(),
            known.Except(applied, StringComparer.Ordinal).ToList(),
            applied.LastOrDefault(),
            known.LastOrDefault());
    }

    // On PostgreSQL EF Core reads the history table without asking whether it exists: on a fresh database that
    // logs an error, which it then shrugs off.
    private static async Task<IEnumerable<string>> AppliedMigrationsAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        await TableProbe.ExistsAsync(database, HistoryRepository.DefaultTableName, cancellationToken)
            ? await database.GetAppliedMigrationsAsync(cancellationToken)
            : [];
}

/// <summary>Thrown before migrating or serving a database whose schema is newer than this build.</summary>
public sealed class SchemaTooNewException(string message) : Exception(message);

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminSite.Data;

/// <summary>
/// How the database's applied migrations compare with the ones this build carries. A database migrated by a newer
/// image (a rollback of the code, or an old pod during a rolling deploy) is served only when every migration this
/// build does not know is one it can run on, as the build that applied it recorded (<see cref="SchemaCompatibilityTable"/>).
/// </summary>
/// <param name="Unknown">Applied migrations this build does not know, oldest first.</param>
/// <param name="Pending">Migrations this build knows that are not applied.</param>
/// <param name="Refusal">Why this build must not serve the database, naming the first migration it cannot run on; null when it can.</param>
public sealed record SchemaVersion(IReadOnlyList<string> Unknown, IReadOnlyList<string> Pending, string? NewestApplied, string? NewestKnown, string? Refusal)
{
    public bool IsNewerThanBuild => Unknown.Count > 0;

    /// <summary>Newer than this build, but only by migrations it can run on.</summary>
    public bool IsCompatiblyNewer => IsNewerThanBuild && Refusal is null;

    public string NewerThanBuildMessage =>
        $"The database schema is at migration {NewestApplied}, newer than this build knows ({NewestKnown ?? "none"}), and {Refusal} " +
        "Deploy the newer image, or roll the database back.";

    public string CompatiblyNewerMessage =>
        $"The database has {Unknown.Count} migration(s) newer than this build ({string.Join(", ", Unknown)}), " +
        $"each recorded as compatible with {NewestKnown}: serving it.";

    public string PendingMessage =>
        $"The database lacks {Pending.Count} migration(s) this build needs (newest {Pending[^1]}): run `AdminSite migrate`.";

    public static async Task<SchemaVersion> ReadAsync(DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        // Migration ids start with a UTC timestamp, so ordinal order is the order they were written in.
        var known = database.GetMigrations().Order(StringComparer.Ordinal).ToList();
        var applied = (await AppliedMigrationsAsync(database, cancellationToken)).Order(StringComparer.Ordinal).ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        var refusal = unknown.Count == 0 ? null : Refuse(unknown, known, await SchemaCompatibilityTable.ReadAsync(database, cancellationToken));
        return new SchemaVersion(unknown, [.. known.Except(applied, StringComparer.Ordinal)], applied.LastOrDefault(), known.LastOrDefault(), refusal);
    }

    private static string? Refuse(List<string> unknown, List<string> known, IReadOnlyDictionary<string, string?> recorded)
    {
        foreach (var migration in unknown)
        {
            if (!recorded.TryGetValue(migration, out var oldest))
            {
                return $"migration {migration} has no compatibility record, so this build cannot tell whether it can run on it.";
            }

            if (oldest is not null && !known.Contains(oldest, StringComparer.Ordinal))
            {
                return $"migration {migration} needs a build that knows migration {oldest}.";
            }
        }

        return null;
    }

    // On PostgreSQL EF Core reads the history table without asking whether it exists: on a fresh database that
    // logs an error, which it then shrugs off.
    private static async Task<IEnumerable<string>> AppliedMigrationsAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        await TableProbe.ExistsAsync(database, HistoryRepository.DefaultTableName, cancellationToken)
            ? await database.GetAppliedMigrationsAsync(cancellationToken)
            : [];
}

/// <summary>Thrown before migrating or serving a database whose schema has a migration this build cannot run on.</summary>
public sealed class SchemaTooNewException(string message) : Exception(message);

using System.Diagnostics;
using AdminSite.Data.Locking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace AdminSite.Data;

/// <summary>
/// Brings the database to this build's schema: the site on start and the <c>migrate</c> command both run it. Both
/// refuse a schema with a migration this build cannot run on, and have nothing to do on one that is newer only by
/// compatible migrations (an older image rolled back to, or still serving during a rolling deploy).
/// </summary>
public static partial class DatabaseMigrator
{
    /// <param name="services">The site's services.</param>
    /// <param name="locked">Told the schema as found once the lock is held, before anything is applied.</param>
    /// <param name="cancellationToken">Stops the wait or the migration in flight, which then rolls back.</param>
    /// <returns>The schema as it was before migrating.</returns>
    /// <exception cref="MigrationInterruptedException">SIGTERM (or SIGINT, SIGQUIT) arrived: whatever was in flight rolled back.</exception>
    public static async Task<SchemaVersion> MigrateDatabaseAsync(
        this IServiceProvider services, Action<SchemaVersion>? locked = null, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<MigrationLock>>();
        var progress = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        using var signal = new TerminationSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signal.Token);
        MigrationLock migrationLock;
        try
        {
            // Replicas (or init containers) starting together take turns: the first applies the migrations, the
            // others then find nothing left to do, and nobody checks the schema while another is changing it.
            migrationLock = await MigrationLock.AcquireAsync(db.Database, TimeSpan.FromSeconds(options.MigrationLockTimeoutSeconds), logger, stop.Token);
        }
        catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
        {
            throw new MigrationInterruptedException("Stopped by a signal while waiting for the migration lock; nothing was applied.");
        }

        SchemaVersion schema;
        await using (migrationLock)
        {
            using var migrating = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, migrationLock.Lost);
            try
            {
                schema = await MigrateAsync(db, locked, progress, migrating.Token);
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                throw new MigrationInterruptedException(
                    "Stopped by a signal while migrating: the migration in flight was rolled back and the migration lock released. Run migrate again.");
            }
            catch (OperationCanceledException) when (migrationLock.Lost.IsCancellationRequested)
            {
                throw new MigrationLockLostException(
                    "Another process took the migration lock over while this one was migrating (its heartbeat had stopped): " +
                    "the migration in flight was rolled back. Run migrate again.");
            }
        }

        // The signal came once nothing was left to cancel: the process was still asked to stop.
        return signal.Token.IsCancellationRequested
            ? throw new MigrationInterruptedException("Stopped by a signal just after the migrations were applied.")
            : schema;
    }

    /// <summary>Stops with <see cref="SchemaTooNewException"/> when a newer build applied a migration this one cannot run on.</summary>
    public static async Task<SchemaVersion> EnsureSchemaServableAsync(this AdminDbContext db, CancellationToken cancellationToken = default)
    {
        var schema = await SchemaVersion.ReadAsync(db.Database, cancellationToken);
        if (schema.Refusal is not null)
        {
            throw new SchemaTooNewException(schema.NewerThanBuildMessage);
        }

        return schema;
    }

    private static async Task<SchemaVersion> MigrateAsync(AdminDbContext db, Action<SchemaVersion>? locked, ILogger progress, CancellationToken cancellationToken)
    {
        var schema = await db.EnsureSchemaServableAsync(cancellationToken);
        locked?.Invoke(schema);
        // EF Core's own lines are below the site's log level: without these a first start says nothing while it works.
        // Not worded like the migrate command's "  Applying <migration>" lines, which E2E counts.
        var elapsed = Stopwatch.StartNew();
        if (schema.Pending.Count > 0)
        {
            LogApplying(progress, schema.Pending.Count, schema.Pending[^1]);
        }

        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers carry on while SQLite's single writer works.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Recorded before anything is applied: an older build must never find a migration without its record.
        await SchemaCompatibilityTable.RecordAsync(db, cancellationToken);

        // Created first (idempotently) so that EF Core's migrator, which reads it before it would create it, finds it.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (schema.Pending.Count > 0)
        {
            LogApplied(progress, schema.Pending.Count, elapsed.Elapsed.TotalSeconds);
        }

        return schema;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating the database: {Count} migration(s) to apply, up to {Newest}.")]
    private static partial void LogApplying(ILogger logger, int count, string newest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated the database: {Count} migration(s) applied in {Seconds:0.0} s.")]
    private static partial void LogApplied(ILogger logger, int count, double seconds);
}

/// <summary>A signal stopped the migration run: nothing is left half-applied, and the lock is released.</summary>
public sealed class MigrationInterruptedException(string message) : Exception(message);

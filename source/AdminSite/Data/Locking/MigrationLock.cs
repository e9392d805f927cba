using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminSite.Data.Locking;

/// <summary>
/// One migrator at a time across every replica and init container, for its whole run: the schema check, then
/// every pending migration. A lock left behind by a dead process is taken over; a live holder is waited for, with
/// a line every few seconds naming it, until the configured bound. SQLite has no lock that dies with its holder, so
/// there the lock is an owner row with a heartbeat (<see cref="SqliteMigrationLock"/>); PostgreSQL's session-level
/// advisory lock ends with the holder's session (<see cref="PostgresMigrationLock"/>).
/// </summary>
public sealed partial class MigrationLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

    private readonly IHeldLock _held;

    private MigrationLock(IHeldLock held) => _held = held;

    /// <summary>Cancelled when another process took the lock over: the migration under way must stop.</summary>
    public CancellationToken Lost => _held.Lost;

    /// <summary>Waits for the lock at most <paramref name="timeout"/>, then throws <see cref="MigrationLockTimeoutException"/>.</summary>
    public static async Task<MigrationLock> AcquireAsync(DatabaseFacade database, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        ILockStore store = database.IsNpgsql() ? new PostgresMigrationLock(database) : new SqliteMigrationLock(database.GetConnectionString()!, logger);
        var waited = Stopwatch.StartNew();
        var nextReport = TimeSpan.Zero;
        LockHolder? lastSeen = null;
        while (true)
        {
            var (held, seen) = await store.TryAcquireAsync(cancellationToken);
            lastSeen = seen ?? lastSeen;
            var holder = lastSeen ?? new LockHolder("another process (busy with the database)", DateTimeOffset.UtcNow);
            if (held is not null)
            {
                if (nextReport > TimeSpan.Zero)
                {
                    LogAcquiredAfterWaiting(logger, waited.Elapsed.TotalSeconds);
                }

                return new MigrationLock(held);
            }

            if (waited.Elapsed >= timeout)
            {
                throw new MigrationLockTimeoutException(holder, timeout);
            }

            if (waited.Elapsed >= nextReport)
            {
                LogWaiting(logger, holder, (timeout - waited.Elapsed).TotalSeconds);
                nextReport += ReportInterval;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _held.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the migration lock, held by {Holder}; giving up in {Seconds:0} s.")]
    private static partial void LogWaiting(ILogger logger, LockHolder holder, double seconds);

    // At the level of the waiting lines it closes, so whoever saw those sees this.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Took the migration lock after waiting {Seconds:0.0} s.")]
    private static partial void LogAcquiredAfterWaiting(ILogger logger, double seconds);
}

/// <summary>One provider's lock: one attempt at a time, so the waiting, reporting and bound are shared.</summary>
internal interface ILockStore
{
    /// <summary>The lock, or else who holds it (null when that could not be read just now).</summary>
    Task<(IHeldLock? Held, LockHolder? Holder)> TryAcquireAsync(CancellationToken cancellationToken);
}

internal interface IHeldLock : IAsyncDisposable
{
    CancellationToken Lost { get; }
}

using Microsoft.Data.Sqlite;

namespace AdminSite.Data.Locking;

/// <summary>
/// The SQLite lock while this process holds it: a heartbeat renews the row every few seconds, so a waiter in
/// another process space can tell a live holder from a dead one; releasing deletes the row, if it is still ours.
/// </summary>
internal sealed partial class SqliteHeldLock : IHeldLock
{
    private readonly string _connectionString;
    private readonly string _owner;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;

    public SqliteHeldLock(string connectionString, string owner, ILogger logger)
    {
        _connectionString = connectionString;
        _owner = owner;
        _logger = logger;
        _heartbeat = Task.Run(BeatAsync);
    }

    public CancellationToken Lost => _lost.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeat;
        try
        {
            await using var connection = await SqliteMigrationLock.OpenAsync(_connectionString, CancellationToken.None);
            await SqliteMigrationLock.ExecuteAsync(connection, $"DELETE FROM \"{SqliteMigrationLock.TableName}\" WHERE \"Id\" = 1 AND \"Owner\" = $me", CancellationToken.None, null, ("$me", _owner));
        }
        catch (SqliteException e)
        {
            // Not fatal: once this process has ended, the next migrator sees that and takes the row over.
            LogReleaseFailed(_logger, e.Message);
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task BeatAsync()
    {
        using var timer = new PeriodicTimer(SqliteMigrationLock.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await RenewAsync())
                {
                    LogLost(_logger);
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Released.
        }
    }

    /// <summary>False once the row is no longer ours; a busy database is only a heartbeat missed.</summary>
    private async Task<bool> RenewAsync()
    {
        try
        {
            await using var connection = await SqliteMigrationLock.OpenAsync(_connectionString, _stop.Token);
            var sql = $"UPDATE \"{SqliteMigrationLock.TableName}\" SET \"HeartbeatAt\" = $now WHERE \"Id\" = 1 AND \"Owner\" = $me";
            return await SqliteMigrationLock.ExecuteAsync(connection, sql, _stop.Token, null, ("$now", SqliteMigrationLock.Timestamp(DateTime.UtcNow)), ("$me", _owner)) == 1;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            LogHeartbeatMissed(_logger, e.Message);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Another process took the migration lock over (this one's heartbeat had stopped for too long): stopping the migration under way.")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the migration lock's heartbeat, the database was busy: {Reason}")]
    private static partial void LogHeartbeatMissed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the migration lock: {Reason}. The next migrator takes it over once this process has ended.")]
    private static partial void LogReleaseFailed(ILogger logger, string reason);
}

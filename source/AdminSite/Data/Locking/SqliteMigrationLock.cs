using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AdminSite.Data.Locking;

/// <summary>
/// The migration lock on SQLite: one row naming its owner (a run id, and the process: host, pid, start time,
/// process space), renewed by a heartbeat. A row whose process has ended (told for sure when it ran in this
/// process space) or whose heartbeat is older than <see cref="StaleAfter"/> (any other) is taken over with a
/// compare-and-swap on the owner, so of two waiters only one wins. EF Core's own lock, which its migrator takes
/// inside this one, is cleared once this one is held: a row there can only be one a killed run left.
/// </summary>
/// <remarks>
/// Each statement talks to the file on a connection of its own with a short busy timeout: a migration holds
/// SQLite's single write lock for its transaction, and a waiter must stay responsive to SIGTERM meanwhile.
/// </remarks>
internal sealed partial class SqliteMigrationLock(string connectionString, ILogger logger) : ILockStore
{
    public const string TableName = "__MigrationLock";
    public const string EfCoreLockTableName = "__EFMigrationsLock";

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Long enough for a live holder's heartbeat to get through a long write transaction; should a false takeover
    /// happen anyway, nothing is applied twice: each migration commits with its history row in one transaction.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private const int BusyTimeoutSeconds = 5;

    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString)
    {
        DefaultTimeout = BusyTimeoutSeconds,
        Pooling = false,
    }.ToString();

    public async Task<(IHeldLock? Held, LockHolder? Holder)> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var me = new OwnerRow(Guid.NewGuid().ToString("N"), ProcessIdentity.Current, DateTime.UtcNow, DateTime.UtcNow);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            await ExecuteAsync(connection, CreateTableSql, cancellationToken);
            if (await ExecuteAsync(connection, $"INSERT OR IGNORE INTO \"{TableName}\" {OwnerColumns} VALUES (1, {OwnerValues})", cancellationToken, me) == 1)
            {
                return (await HandOverAsync(connection, me), null);
            }

            // Null when released between the two statements: the next attempt will find it free.
            var row = await ReadAsync(connection, cancellationToken);
            var holder = row?.AsHolder(me.AcquiredAt);
            if (row?.Death(me.AcquiredAt) is { } death && await TakeOverAsync(connection, row, me, cancellationToken))
            {
                LogTakenOver(logger, holder!, death);
                return (await HandOverAsync(connection, me), null);
            }

            return (null, holder);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            // Someone (most likely the holder, migrating) has had the file's write lock for longer than the busy timeout.
            return (null, null);
        }
    }

    private const string OwnerColumns = "(\"Id\", \"Owner\", \"Host\", \"ProcessId\", \"ProcessStartedAt\", \"ProcessSpace\", \"AcquiredAt\", \"HeartbeatAt\")";
    private const string OwnerValues = "$owner, $host, $pid, $started, $space, $now, $now";

    private static readonly string CreateTableSql = $"""
        CREATE TABLE IF NOT EXISTS "{TableName}" (
            "Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1),
            "Owner" TEXT NOT NULL,
            "Host" TEXT NOT NULL,
            "ProcessId" INTEGER NOT NULL,
            "ProcessStartedAt" TEXT NOT NULL,
            "ProcessSpace" TEXT NOT NULL,
            "AcquiredAt" TEXT NOT NULL,
            "HeartbeatAt" TEXT NOT NULL)
        """;

    private static async Task<bool> TakeOverAsync(SqliteConnection connection, OwnerRow dead, OwnerRow me, CancellationToken cancellationToken)
    {
        // The compare-and-swap: only the waiter whose update still finds the dead owner (and its last heartbeat) wins.
        var sql = $"""
            UPDATE "{TableName}" SET ("Owner", "Host", "ProcessId", "ProcessStartedAt", "ProcessSpace", "AcquiredAt", "HeartbeatAt") = ({OwnerValues})
            WHERE "Id" = 1 AND "Owner" = $dead AND "HeartbeatAt" = $deadHeartbeat
            """;
        return await ExecuteAsync(connection, sql, cancellationToken, me, ("$dead", dead.Owner), ("$deadHeartbeat", Timestamp(dead.HeartbeatAt))) == 1;
    }

    /// <summary>
    /// The row is ours from the moment the claim commits, so from here on nothing may stop short of a held lock that
    /// releases it. A row left behind names this process: a waiter in another pod waits until its heartbeat is stale,
    /// and this process, trying again after a busy database, would wait for itself. A signal that arrives meanwhile
    /// is seen by the caller's next step, which releases the lock.
    /// </summary>
    private async Task<IHeldLock> HandOverAsync(SqliteConnection connection, OwnerRow me)
    {
        var held = new SqliteHeldLock(_connectionString, me.Owner, logger);
        try
        {
            var exists = await ExecuteScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{EfCoreLockTableName}'", CancellationToken.None);
            if (exists is > 0 && await ExecuteAsync(connection, $"DELETE FROM \"{EfCoreLockTableName}\"", CancellationToken.None) > 0)
            {
                LogEfCoreLockCleared(logger);
            }
        }
        catch
        {
            // A busy database here must not leave the claimed row behind either: released, then tried again.
            await held.DisposeAsync();
            throw;
        }

        return held;
    }

    private static async Task<OwnerRow?> ReadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Owner\", \"Host\", \"ProcessId\", \"ProcessStartedAt\", \"ProcessSpace\", \"AcquiredAt\", \"HeartbeatAt\" FROM \"{TableName}\" WHERE \"Id\" = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new OwnerRow(
            reader.GetString(0),
            new ProcessIdentity(reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4)),
            ParseTimestamp(reader.GetString(5)),
            ParseTimestamp(reader.GetString(6)));
    }

    internal static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    internal static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, OwnerRow? owner = null, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (owner is not null)
        {
            command.Parameters.AddWithValue("$owner", owner.Owner);
            command.Parameters.AddWithValue("$host", owner.Process.Host);
            command.Parameters.AddWithValue("$pid", owner.Process.ProcessId);
            command.Parameters.AddWithValue("$started", owner.Process.StartedAt);
            command.Parameters.AddWithValue("$space", owner.Process.ProcessSpace);
            command.Parameters.AddWithValue("$now", Timestamp(owner.AcquiredAt));
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long?> ExecuteScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long?)await command.ExecuteScalarAsync(cancellationToken);
    }

    internal static string Timestamp(DateTime utc) => utc.ToString("O", CultureInfo.InvariantCulture);

    private static DateTime ParseTimestamp(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over the migration lock from {Holder}: {Death}.")]
    private static partial void LogTakenOver(ILogger logger, LockHolder holder, string death);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the row EF Core's own migration lock had left behind (a migration was killed while it held it).")]
    private static partial void LogEfCoreLockCleared(ILogger logger);

    /// <summary>The lock row: who owns it and when it last said it was alive.</summary>
    internal sealed record OwnerRow(string Owner, ProcessIdentity Process, DateTime AcquiredAt, DateTime HeartbeatAt)
    {
        /// <summary>Why the owner counts as dead at <paramref name="now"/>, or null while it may be alive.</summary>
        public string? Death(DateTime now) => Process.IsRunning() switch
        {
            false => $"{Process} has ended",
            null when now - HeartbeatAt > StaleAfter => $"its last heartbeat is {(now - HeartbeatAt).TotalSeconds:0} s old",
            _ => null,
        };

        public LockHolder AsHolder(DateTime now) =>
            new($"{Process} (run {Owner[..8]}, last heartbeat {Math.Max(0, (now - HeartbeatAt).TotalSeconds):0} s ago)", new DateTimeOffset(AcquiredAt, TimeSpan.Zero));
    }
}

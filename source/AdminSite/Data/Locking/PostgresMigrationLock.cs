using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AdminSite.Data.Locking;

/// <summary>
/// The migration lock on PostgreSQL: a session-level advisory lock on the migrating context's own connection, so
/// the lock and the migrations share one session and end together. EF Core's own lock (LOCK TABLE) ends with each
/// migration's transaction, while the list of migrations to apply is read once at the start: without this one, two
/// pods starting on an empty database could both apply the second migration (a test saw exactly that).
/// </summary>
/// <remarks>
/// The connection is unpooled and made afresh for each attempt, so the holder's <c>backend_start</c> is when it got
/// the lock, and its application name says which process it is: a waiter reads both from <c>pg_locks</c> and
/// <c>pg_stat_activity</c>. A killed holder's session ends when its socket closes; one on a host that vanished, when
/// the server's keepalive probes (set short on the session) go unanswered.
/// </remarks>
internal sealed class PostgresMigrationLock(DatabaseFacade database) : ILockStore
{
    // Any 64-bit number works if every replica uses the same one: "adminsmg" in ASCII.
    internal const long AdvisoryKey = 0x61646D696E736D67;

    // PostgreSQL keeps NAMEDATALEN - 1 bytes of an application name.
    private const int ApplicationNameLength = 63;

    private bool _connectionPrepared;

    public async Task<(IHeldLock? Held, LockHolder? Holder)> TryAcquireAsync(CancellationToken cancellationToken)
    {
        if (!_connectionPrepared)
        {
            await EnsureDatabaseExistsAsync(cancellationToken);
            database.SetConnectionString(LockConnectionString(database.GetConnectionString()!));
            _connectionPrepared = true;
        }

        await database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)database.GetDbConnection();
        try
        {
            if (await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({AdvisoryKey})", cancellationToken))
            {
                await ScalarAsync<string>(connection, "SELECT set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '5', false), set_config('tcp_keepalives_count', '3', false)", cancellationToken);
                return (new Held(database), null);
            }

            var holder = await ReadHolderAsync(connection, cancellationToken);
            await database.CloseConnectionAsync();
            return (null, holder);
        }
        catch
        {
            await database.CloseConnectionAsync();
            throw;
        }
    }

    /// <summary>The holder's session as the server sees it (host and pid in its application name).</summary>
    private static async Task<LockHolder?> ReadHolderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'a local socket'), a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.classid = {(uint)(AdvisoryKey >> 32)} AND l.objid = {(uint)(AdvisoryKey & 0xFFFFFFFF)}
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Released since the attempt: the next one will get it.
            return null;
        }

        return new LockHolder(
            $"PostgreSQL session {reader.GetInt32(0)} ('{reader.GetString(1)}', from {reader.GetString(2)})",
            reader.GetFieldValue<DateTimeOffset>(3));
    }

    private static string LockConnectionString(string connectionString)
    {
        var name = $"admin-site migrate pid {Environment.ProcessId} on {Environment.MachineName}";
        return new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = name.Length > ApplicationNameLength ? name[..ApplicationNameLength] : name,
        }.ToString();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Migrate() used to create a missing database itself; the lock needs a connection to it first.
    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        var creator = database.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica created it first.
        }
    }

    private sealed class Held(DatabaseFacade database) : IHeldLock
    {
        // The lock lives and dies with the session the migrations run on: it cannot be lost while they go on.
        public CancellationToken Lost => CancellationToken.None;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await ScalarAsync<bool>((NpgsqlConnection)database.GetDbConnection(), $"SELECT pg_advisory_unlock({AdvisoryKey})", CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // A broken session has released the lock already.
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
        }
    }
}

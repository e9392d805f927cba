using AdminSite.Data.Locking;
using Microsoft.Data.Sqlite;

namespace AdminSite.Tests.Infrastructure;

/// <summary>Writes the SQLite migration lock's row directly, as some other process would have left it.</summary>
public static class SqliteLockRows
{
    /// <summary>A row owned by <paramref name="holder"/>, acquired a minute ago, its last heartbeat at <paramref name="heartbeat"/>.</summary>
    internal static async Task InsertAsync(string connectionString, ProcessIdentity holder, DateTime heartbeat, string owner = "0123456789abcdef0123456789abcdef")
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS "__MigrationLock" (
                "Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Owner" TEXT NOT NULL, "Host" TEXT NOT NULL,
                "ProcessId" INTEGER NOT NULL, "ProcessStartedAt" TEXT NOT NULL, "ProcessSpace" TEXT NOT NULL,
                "AcquiredAt" TEXT NOT NULL, "HeartbeatAt" TEXT NOT NULL);
            INSERT INTO "__MigrationLock" VALUES (1, $owner, $host, $pid, $started, $space, $acquired, $heartbeat);
            """;
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$host", holder.Host);
        command.Parameters.AddWithValue("$pid", holder.ProcessId);
        command.Parameters.AddWithValue("$started", holder.StartedAt);
        command.Parameters.AddWithValue("$space", holder.ProcessSpace);
        command.Parameters.AddWithValue("$acquired", SqliteMigrationLock.Timestamp(heartbeat.AddMinutes(-1)));
        command.Parameters.AddWithValue("$heartbeat", SqliteMigrationLock.Timestamp(heartbeat));
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DeleteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand("DELETE FROM \"__MigrationLock\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}

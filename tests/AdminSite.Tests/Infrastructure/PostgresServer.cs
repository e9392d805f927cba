using Npgsql;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server named by ADMIN_SITE_TEST_POSTGRES (a role with CREATEDB): each test database is
/// created empty and dropped after. Without the variable the PostgreSQL tests fail, never pass silently.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "ADMIN_SITE_TEST_POSTGRES";

    public static string ServerConnection
    {
        get
        {
            var connection = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(connection))
            {
                Assert.Fail($"PostgreSQL tests need a server: set {EnvironmentVariable} to an Npgsql connection string " +
                            "(e.g. Host=127.0.0.1;Username=postgres;Password=...;Database=postgres), or exclude them with --filter TestCategory!=PostgreSQL.");
            }

            return connection!;
        }
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ServerConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using Npgsql;

namespace AdminSite.Bench;

/// <summary>The database a benchmarked site runs on, as the site's settings name it.</summary>
internal sealed record BenchDatabase(string Provider, IReadOnlyDictionary<string, string> Settings)
{
    public static BenchDatabase Sqlite(string path) => new("SQLite", new Dictionary<string, string>
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__SqlitePath"] = path,
    });

    public static BenchDatabase PostgreSql(string connectionString) => new("PostgreSQL", new Dictionary<string, string>
    {
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__PostgreSQL"] = connectionString,
    });
}

/// <summary>A database of its own on the PostgreSQL server the bench was given, dropped afterwards.</summary>
internal sealed class PostgresBenchDatabase : IAsyncDisposable
{
    private readonly string _serverConnection;
    private readonly string _name = $"admin_site_bench_{Guid.NewGuid():N}";

    private PostgresBenchDatabase(string serverConnection)
    {
        _serverConnection = serverConnection;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = _name }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<PostgresBenchDatabase> CreateAsync(string serverConnection)
    {
        var database = new PostgresBenchDatabase(serverConnection);
        await database.ExecuteAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

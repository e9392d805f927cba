using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminSite.Data;

/// <summary>Resolves the provider and connection string once, when the first context is made.</summary>
public sealed class DatabaseConnection(IOptions<DatabaseOptions> options, IConfiguration configuration)
{
    public const string PostgreSqlConnectionStringName = "PostgreSQL";

    private readonly Lazy<string> _connectionString = new(() => Resolve(options.Value, configuration));

    public DatabaseProvider Provider => options.Value.Provider;

    public string ConnectionString => _connectionString.Value;

    private static string Resolve(DatabaseOptions options, IConfiguration configuration)
    {
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            var connectionString = configuration.GetConnectionString(PostgreSqlConnectionStringName);
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException(
                    $"Database:Provider is PostgreSQL but ConnectionStrings:{PostgreSqlConnectionStringName} is empty " +
                    $"(environment variable ConnectionStrings__{PostgreSqlConnectionStringName}).")
                : connectionString;
        }

        var path = Path.GetFullPath(options.SqlitePath);
        // The file is created on first use, but SQLite will not create the folder it lives in.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, Pooling = true }.ToString();
    }
}

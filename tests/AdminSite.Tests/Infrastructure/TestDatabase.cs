using AdminSite.Data;
using AdminSite.Data.Locking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// An empty database of either provider for the site run as a process (<see cref="SiteServer"/>), with what the
/// tests read from it directly: who holds the migration lock, which migrations are applied.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The settings that point the site at this database, as environment variables.</summary>
    public abstract Dictionary<string, string> Environment { get; }

    /// <summary>This provider's migrations, in order.</summary>
    public abstract IReadOnlyList<string> KnownMigrations { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? new SqliteDatabase() : await PostgreSqlDatabase.CreateAsync();

    /// <summary>The process id of the migration lock's holder, or null while nobody holds it.</summary>
    public abstract Task<int?> LockHolderAsync();

    /// <summary>The applied migrations in order; none while the history table does not exist.</summary>
    public abstract Task<IReadOnlyList<string>> AppliedMigrationsAsync();

    /// <summary>Takes the migration lock as a live process would, until disposed; <see cref="HolderName"/> is how the site names it.</summary>
    public abstract Task<IAsyncDisposable> HoldLockAsync();

    /// <summary>Part of the name the site gives the holder of <see cref="HoldLockAsync"/>.</summary>
    public abstract string HolderName { get; }

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteDatabase : TestDatabase
    {
        private static readonly IReadOnlyList<string> Known = [.. new DesignTimeFactories.Sqlite().CreateDbContext([]).Database.GetMigrations()];

        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("admin-site-migrate-");

        private string Path => System.IO.Path.Combine(_folder.FullName, "admin-site.db");

        // Read-only and unpooled: the tests look on without creating the file or keeping it open.
        private string ReadOnly => new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 1 }.ToString();

        public override Dictionary<string, string> Environment => new()
        {
            ["Database__SqlitePath"] = Path,
            ["Bootstrap__AdminPassword"] = AdminSiteFactory.AdminPassword,
        };

        public override IReadOnlyList<string> KnownMigrations => Known;

        public override string HolderName => $"process {System.Environment.ProcessId} on {System.Environment.MachineName}";

        public override async Task<int?> LockHolderAsync() =>
            (int?)(long?)await ScalarOrNullAsync("SELECT \"ProcessId\" FROM \"__MigrationLock\" WHERE \"Id\" = 1");

        // The test process itself holds it: a process that runs, in the site's own process space.
        public override async Task<IAsyncDisposable> HoldLockAsync()
        {
            Directory.CreateDirectory(_folder.FullName);
            var connection = System.IO.Path.Combine(_folder.FullName, "admin-site.db");
            await SqliteLockRows.InsertAsync($"Data Source={connection};Pooling=False", ProcessIdentity.Current, DateTime.UtcNow);
            return new Release(() => SqliteLockRows.DeleteAsync($"Data Source={connection};Pooling=False"));
        }

        public override async Task<IReadOnlyList<string>> AppliedMigrationsAsync()
        {
            if (await ScalarOrNullAsync("SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'") is not 1L)
            {
                return [];
            }

            await using var connection = new SqliteConnection(ReadOnly);
            await connection.OpenAsync();
            await using var command = new SqliteCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var applied = new List<string>();
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }

            return applied;
        }

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }

        private async Task<object?> ScalarOrNullAsync(string sql)
        {
            try
            {
                await using var connection = new SqliteConnection(ReadOnly);
                await connection.OpenAsync();
                await using var command = new SqliteCommand(sql, connection);
                return await command.ExecuteScalarAsync();
            }
            catch (SqliteException)
            {
                // No file yet, no table yet, or the file busy for a moment: nobody to name.
                return null;
            }
        }
    }

    private sealed class PostgreSqlDatabase(string name, string connection) : TestDatabase
    {
        private static readonly IReadOnlyList<string> Known = [.. new DesignTimeFactories.PostgreSql().CreateDbContext([]).Database.GetMigrations()];

        public override Dictionary<string, string> Environment => new()
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__PostgreSQL"] = connection,
            ["Bootstrap__AdminPassword"] = AdminSiteFactory.AdminPassword,
        };

        public override IReadOnlyList<string> KnownMigrations => Known;

        public override string HolderName => "('a test holding the lock', from";

        public static async Task<TestDatabase> CreateAsync()
        {
            var name = $"admin_site_test_{Guid.NewGuid():N}";
            return new PostgreSqlDatabase(name, await PostgresServer.CreateDatabaseAsync(name));
        }

        // The lock's session names its process in its application name ("admin-site migrate pid N on HOST").
        public override async Task<int?> LockHolderAsync()
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
                "WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()", db);
            return await command.ExecuteScalarAsync() is string application && application.Split(' ') is [_, _, "pid", var pid, ..]
                ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }

        public override async Task<IReadOnlyList<string>> AppliedMigrationsAsync()
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL", db);
            if (await exists.ExecuteScalarAsync() is false)
            {
                return [];
            }

            await using var command = new NpgsqlCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", db);
            await using var reader = await command.ExecuteReaderAsync();
            var applied = new List<string>();
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }

            return applied;
        }

        public override async Task<IAsyncDisposable> HoldLockAsync()
        {
            var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { ApplicationName = "a test holding the lock", Pooling = false }.ToString());
            await holder.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresMigrationLock.AdvisoryKey})", holder);
            await command.ExecuteScalarAsync();
            return holder;
        }

        public override async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(name);
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}

namespace AdminSite.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Relative to the current directory; the container points it at the <c>/data</c> volume.</summary>
    public string SqlitePath { get; set; } = ".data/admin-site.db";

    /// <summary>
    /// Apply pending migrations when the site starts. Replicas starting together take turns (see
    /// <see cref="Locking.MigrationLock"/>). Off or on, the site refuses to start on a schema with a migration it
    /// cannot run on (see <see cref="SchemaVersion"/>).
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How long <c>migrate</c> (or the site starting) waits for a migration lock that a live process holds before it
    /// gives up and exits non-zero, naming the holder. A lock whose holder has died is taken over: at once when the
    /// holder ran on this host (in this container), otherwise on SQLite once its heartbeat is 30 s old.
    /// </summary>
    public int MigrationLockTimeoutSeconds { get; set; } = 300;
}

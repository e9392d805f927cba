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
    /// <see cref="MigrationLock"/>). Off or on, the site refuses to start on a schema newer than it knows.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;
}

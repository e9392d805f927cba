namespace AdminSite.Bench;

/// <summary>A temporary folder for the published site and its database, removed afterwards.</summary>
internal sealed class WorkFolder : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("admin-site-bench-");

    /// <summary>The folder itself: perf's recordings go here.</summary>
    public string Root => _folder.FullName;

    public string SiteFolder => Path.Combine(_folder.FullName, "site");

    public string DatabasePath => Path.Combine(_folder.FullName, "data", "admin-site.db");

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Leaving a temp folder behind is harmless.
        }

        return ValueTask.CompletedTask;
    }
}

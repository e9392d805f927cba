namespace AdminSite.Bench;

internal static class RepositoryRoot
{
    /// <summary>The first folder above this program holding .nuke/, AdminSite.sln or .git, whatever the working directory.</summary>
    public static DirectoryInfo Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, ".nuke"))
                || File.Exists(Path.Combine(folder.FullName, "AdminSite.sln"))
                || Path.Exists(Path.Combine(folder.FullName, ".git")))
            {
                return folder;
            }
        }

        throw new DirectoryNotFoundException($"No repository root above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A temporary folder for the published site and its database, removed afterwards.</summary>
internal sealed class WorkFolder : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("admin-site-bench-");

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

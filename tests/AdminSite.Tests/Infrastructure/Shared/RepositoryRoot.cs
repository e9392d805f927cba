namespace AdminSite.Testing;

/// <summary>
/// Where the repository is, for the tests' screenshots and the bench's publish alike. Linked into
/// AdminSite.Bench (which may not reference the test project): keep it free of test-framework types.
/// </summary>
internal static class RepositoryRoot
{
    /// <summary>The first folder above the running binaries holding .nuke/, AdminSite.sln or .git: the same from any working directory.</summary>
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

        throw new DirectoryNotFoundException($"No repository root (.nuke/, AdminSite.sln or .git) above {AppContext.BaseDirectory}.");
    }
}

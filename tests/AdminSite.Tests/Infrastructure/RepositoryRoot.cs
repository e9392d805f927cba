namespace AdminSite.Tests.Infrastructure;

public static class RepositoryRoot
{
    /// <summary>The first folder above the test binaries holding .nuke/, AdminSite.sln or .git: the same from any working directory.</summary>
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

    public static string Screenshot(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Find().FullName, "artifacts", "screenshots"));
        return Path.Combine(folder.FullName, name);
    }
}

using BuildEngine;

namespace BuildTests;

/// <summary>The checkout these tests were built from, for tests that compare committed files with generated ones.</summary>
public static class RepositoryRoot
{
    public static AbsolutePath Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return AbsolutePath.Create(directory.FullName);
        }
        throw new InvalidOperationException($"No folder holding .nuke/ above {AppContext.BaseDirectory}: run the tests inside the repository.");
    }
}

namespace Testing;

/// <summary>
/// The checkout the tests and benchmarks were built from: the first folder above the running binaries that holds
/// <c>.nuke/</c>, the same marker the build uses for its root. Found from the binaries, never from the working
/// directory, so <c>dotnet test</c> works from anywhere. Linked into every test project and the bench by
/// <c>tests/Directory.Build.props</c> and <c>tests/bench/Directory.Build.props</c>: keep it free of test-framework types.
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> _path = new(Find);

    public static string Path => _path.Value;

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(folder.FullName, ".nuke")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder holding .nuke/ above {AppContext.BaseDirectory}: build and run the tests inside the repository.");
    }
}

namespace Chart.Tests.Infrastructure;

/// <summary>
/// Paths into the repository, found by walking up from the test assembly (never from the working directory,
/// so `dotnet test` works from anywhere) to the folder holding <c>chart/Chart.yaml</c>.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    public static string Root => _root.Value;

    public static string Chart => Path.Combine(Root, "chart");

    public static string ScenarioFile(string scenario) => Path.Combine(Chart, "ci", $"{scenario}-values.yaml");

    /// <summary>The scenario names of every <c>chart/ci/*-values.yaml</c>, e.g. <c>default</c>, <c>postgresql</c>.</summary>
    public static IReadOnlyList<string> Scenarios() =>
        Directory.GetFiles(Path.Combine(Chart, "ci"), "*-values.yaml")
            .Select(file => Path.GetFileName(file)[..^"-values.yaml".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "chart", "Chart.yaml")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No parent folder of {AppContext.BaseDirectory} holds chart/Chart.yaml.");
    }
}

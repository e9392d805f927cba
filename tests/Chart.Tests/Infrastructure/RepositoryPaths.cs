namespace Chart.Tests.Infrastructure;

/// <summary>Paths into the chart, from the repository the tests were built from.</summary>
public static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string Chart => Path.Combine(Root, "chart");

    public static string ScenarioFile(string scenario) => Path.Combine(Chart, "ci", $"{scenario}-values.yaml");

    /// <summary>The scenario names of every <c>chart/ci/*-values.yaml</c>, e.g. <c>default</c>, <c>postgresql</c>.</summary>
    public static IReadOnlyList<string> Scenarios() =>
        Directory.GetFiles(Path.Combine(Chart, "ci"), "*-values.yaml")
            .Select(file => Path.GetFileName(file)[..^"-values.yaml".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
}

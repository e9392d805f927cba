using BuildEngine;
using Spectre.Console;
using Tools;

partial class Build
{
    [Parameter("Test filter (dotnet test --filter); PostgreSQL tests need a server and run in E2E")]
    readonly string TestFilter = "TestCategory!=PostgreSQL";

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    IEnumerable<AbsolutePath> TestProjects =>
        Directory.EnumerateFiles(TestsDirectory, "*.Tests.csproj", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => AbsolutePath.Create(path));

    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders of source/ and tests/")
        .Before(Restore)
        .Executes(() =>
        {
            // build/ stays: its binaries are running this very target.
            var folders = new[] { SourceDirectory, TestsDirectory }
                .Where(root => root.DirectoryExists())
                .SelectMany(root => Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
                .Where(folder => Path.GetFileName(folder) is "bin" or "obj")
                .Append(ArtifactsDirectory.Value)
                .Where(Directory.Exists)
                .ToList();
            foreach (var folder in folders)
                Directory.Delete(folder, recursive: true);
            Log.Information($"Deleted {folders.Count} folders.");
        });

    Target Restore => _ => _
        .Description("Restores the NuGet packages of the solution")
        .Executes(() => DotNet.Restore(Solution));

    Target Compile => _ => _
        .Description("Builds the solution (warnings are errors)")
        .DependsOn(Restore)
        .Executes(() => DotNet.Build(Solution, Configuration.ToString()));

    Target Test => _ => _
        .Description("Runs every tests/*.Tests project; JUnit XML and trx land in artifacts/test-results")
        .DependsOn(Compile, Prerequisites)
        .Executes(async () =>
        {
            // The chart tests run the real helm and the browser tests the real Chromium: hand them what Prerequisites found.
            var tools = new Dictionary<string, string?> { ["HELM_PATH"] = HelmExecutable, ["CHROMIUM_PATH"] = ChromiumPath };
            if (TestResultsDirectory.DirectoryExists())
                Directory.Delete(TestResultsDirectory, recursive: true);

            var failed = new List<string>();
            foreach (var project in TestProjects)
            {
                var settings = new DotNetTestSettings(project, Configuration.ToString(), TestResultsDirectory).SetFilter(TestFilter);
                if (!(await DotNet.Test(settings, tools)).Succeeded)
                    failed.Add(project.Name);
            }

            var failedTests = WriteTestSummary();
            if (failed.Count > 0)
                throw new BuildFailedException(
                    $"Tests failed in {string.Join(", ", failed)}{FirstNames(failedTests)}; details in {TestResultsDirectory.GetRelativePathFrom(RootDirectory)}/.");
        });

    /// <summary>
    /// One row per test assembly, read back from the JUnit XML that Jenkins will publish, then each failed test
    /// with the first line of its message: the end of a long log says what broke.
    /// </summary>
    List<FailedTest> WriteTestSummary()
    {
        if (!TestResultsDirectory.DirectoryExists())
        {
            Log.Warning($"No test results in {TestResultsDirectory.GetRelativePathFrom(RootDirectory)}.");
            return [];
        }
        var reports = Directory.EnumerateFiles(TestResultsDirectory, "*.xml").Order(StringComparer.Ordinal).Select(JUnitReport.Load).ToList();
        static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Simple).AddColumns("Test assembly", "Passed", "Failed", "Skipped", "Time");
        foreach (var report in reports)
        {
            table.AddRow(
                Markup.Escape(report.Assembly),
                Number(report.Passed),
                report.Failed > 0 ? $"[red]{Number(report.Failed)}[/]" : "0",
                Number(report.Skipped),
                $"{report.Time.TotalSeconds:0.0} s");
        }
        Log.Console.Write(table);

        var failedTests = reports.SelectMany(report => report.Failures).ToList();
        foreach (var test in failedTests)
            Log.Error($"Failed {test.Name}: {test.Message}");
        return failedTests;
    }

    static string FirstNames(IReadOnlyList<FailedTest> tests, int shown = 3) => tests.Count switch
    {
        0 => "",
        _ when tests.Count <= shown => $" ({string.Join(", ", tests.Select(test => test.Name))})",
        _ => $" ({string.Join(", ", tests.Take(shown).Select(test => test.Name))} and {tests.Count - shown} more)",
    };
}

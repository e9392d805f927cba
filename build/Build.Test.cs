using BuildEngine;
using Spectre.Console;
using Tools;

partial class Build
{
    [Parameter("Test filter (dotnet test --filter); PostgreSQL tests need a server and run in E2E")]
    readonly string TestFilter = "TestCategory!=PostgreSQL";

    [Parameter("AgentTest: uid the agent container runs as (default: yours, as Jenkins does)", DefaultFrom = nameof(YourUid))]
    readonly int? AgentUid;

    [Parameter("AgentTest: gid the agent container runs as (default: yours)", DefaultFrom = nameof(YourGid))]
    readonly int? AgentGid;

    [Parameter("AgentTest: workspace mounted into the agent (default: the repository root)", DefaultFrom = nameof(RootWorkspace))]
    readonly AbsolutePath? AgentWorkspace;

    ResolvedDefault YourUid => new(UnixUser.Id, "you");
    ResolvedDefault YourGid => new(UnixUser.GroupId, "you");
    ResolvedDefault RootWorkspace => new(RootDirectory, "the repository root");

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    IEnumerable<AbsolutePath> TestProjects =>
        Directory.EnumerateFiles(TestsDirectory, "*.Tests.csproj", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => AbsolutePath.Create(path));

    Target Test => _ => _
        .Description("Runs every tests/*.Tests project; JUnit XML and trx land in artifacts/test-results")
        .DependsOn(Compile, Prerequisites)
        .Executes(async () =>
        {
            // The chart and deploy tests run both pinned helm majors and the browser tests the real Chromium: hand them what Prerequisites installed.
            var tools = PinnedHelm.All.ToDictionary(pinned => $"HELM{pinned.Major}_PATH", pinned => (string?)pinned.InstalledPath(ToolsDirectory).Value);
            tools["CHROMIUM_PATH"] = ChromiumPath;
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

    Target AgentTest => _ => _
        .Description("Runs ./build.sh Test the way Jenkins does: inside the Dockerfile's test stage, as your uid/gid")
        .Executes(async () =>
        {
            var uid = AgentUid ?? UnixUser.Id;
            var gid = AgentGid ?? UnixUser.GroupId;
            var workspace = AgentWorkspace ?? RootDirectory;
            var image = $"{Repository}-agent:{uid}-{gid}";

            // Jenkins: docker build -t <name> <additionalBuildArgs> -f Dockerfile <dir>
            await Docker.Build(build => build
                .SetFile(Dockerfile)
                .SetTarget("test")
                .AddBuildArg("UID", uid)
                .AddBuildArg("GID", gid)
                .AddTag(image)
                .SetNetwork(DockerNetwork)
                .SetContext(RootDirectory));

            // Jenkins: docker run -u uid:gid -w <ws> -v <ws>:<ws>:rw,z ... then runs the stage's steps inside.
            await Docker.Run(run => run
                .EnableRemove()
                .SetUser($"{uid}:{gid}")
                .SetWorkingDirectory(workspace)
                .AddVolume($"{workspace}:{workspace}:rw,z")
                .SetNetwork(DockerNetwork)
                .SetImage(image)
                .SetCommand("./build.sh", "Test"));

            Log.Success($"Tests passed in the agent as {uid}:{gid}; results in {workspace / "artifacts" / "test-results"}.");
        });
}

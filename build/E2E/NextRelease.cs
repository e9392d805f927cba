using System.Xml.Linq;
using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// The next release, made for real in a throw-away copy of the working tree: an expand step (a nullable column on
/// the users table, migrations for both providers by <c>dotnet ef</c>, as a developer adds them), built into an
/// image and pushed like the first once the migration compatibility test passes; then the matching contract step
/// shipped one release too early (the column dropped while the previous release still maps it), which that test
/// must refuse, naming it.
/// </summary>
public sealed class NextRelease(IProcessRunner runner, Docker docker, AbsolutePath copy)
{
    public const string ExpandStep = "E2EExpandStep";
    public const string ContractStep = "E2EContractTooEarly";
    public const string Column = "RehearsalNote";
    private const string Property = "    /// <summary>Added by the E2E rehearsal's next release: a nullable column, an expand step.</summary>\n    public string? " + Column + " { get; set; }\n";
    private const string CompatibilityTests = "FullyQualifiedName~MigrationCompatibility";

    private AbsolutePath Entity => copy / "source" / "AdminSite" / "Identity" / "AdminUser.cs";

    /// <summary>The environment of every dotnet command in the copy: no build servers outlive the rehearsal.</summary>
    private static readonly Dictionary<string, string?> NoServers = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private DotNet DotNet => new(runner, copy);

    public async Task<ImageRecord> BuildExpandStep(AbsolutePath root, IEnumerable<string> files, ImageRecord previous, AbsolutePath results)
    {
        WorkingTreeCopy.Create(root, files, copy);
        var entity = await File.ReadAllTextAsync(Entity);
        var end = entity.LastIndexOf('}');
        if (end < 0 || !entity.Contains("class AdminUser", StringComparison.Ordinal))
            throw new BuildFailedException($"{Entity} does not hold the AdminUser class the rehearsal adds a column to.");
        await File.WriteAllTextAsync(Entity, entity[..end].TrimEnd() + "\n\n" + Property + entity[end..]);
        await DotNet.ToolRestore();
        // dotnet ef builds without restoring.
        await DotNet.Run(["restore", copy / "source" / "AdminSite" / "AdminSite.csproj", "--nologo"], environment: NoServers);
        await AddMigration(ExpandStep);
        // What the Test stage does before DockerBuild: an expand step must pass (and shows the test is not failing for another reason).
        var test = await CompatibilityTest(results / "expand-step");
        if (!test.Succeeded)
            throw new BuildFailedException($"The migration compatibility test refuses {ExpandStep}, an expand step:{Environment.NewLine}{Tail(test)}");
        Log.Success($"dotnet test --filter {CompatibilityTests} passes with {ExpandStep}.");

        var tag = previous.Tag + "-next";
        await docker.Build(build => build.SetFile(copy / "Dockerfile").SetTarget("final").AddTag($"{previous.Repository}:{tag}").SetNetwork("host").SetContext(copy));
        var remote = $"{previous.RepositoryReference}:{tag}";
        await docker.Tag($"{previous.Repository}:{tag}", remote);
        var push = await docker.Push(remote);
        var digest = ImageRecord.DigestFromPushOutput(push.StandardOutput, tag)
            ?? throw new BuildFailedException($"docker push of {remote} reported no digest.");
        var next = previous with { Tag = tag, Digest = digest };
        Log.Success($"The next release, with migration {ExpandStep} for both providers, is {next.DigestReference}.");
        return next;
    }

    /// <summary>After a rollback the database keeps the next release's schema: the older code runs on it, nothing is undone.</summary>
    public static async Task CheckSchemaKept(ChartPodRehearsal pod)
    {
        var column = await pod.Sqlite($"SELECT name FROM pragma_table_info('AspNetUsers') WHERE name = '{Column}'");
        if (column != Column)
            throw new BuildFailedException($"AspNetUsers.{Column}, added by {ExpandStep}, is gone after the rollback.");
        Log.Success($"The rolled-back site runs on the next release's schema: AspNetUsers.{Column} ({ExpandStep}) is still there.");
    }

    /// <summary>The column dropped again one release too early: the compatibility test must fail, naming that migration.</summary>
    public async Task RefuseContractStep(AbsolutePath results)
    {
        results /= "contract-step";
        var entity = await File.ReadAllTextAsync(Entity);
        if (!entity.Contains(Property, StringComparison.Ordinal))
            throw new BuildFailedException($"{Entity} lacks the expand step's column: build the expand step first.");
        await File.WriteAllTextAsync(Entity, entity.Replace("\n\n" + Property, "\n", StringComparison.Ordinal));
        await AddMigration(ContractStep);

        var test = await CompatibilityTest(results);
        if (test.Succeeded)
            throw new BuildFailedException($"The migration compatibility test passed with {ContractStep}, which drops a column the previous release maps.");
        // The failure is the expected outcome: its messages are shown, not the whole failing test run. Each failure
        // must be about the contract step (the same test passed on the expand step before it).
        if (!(results / "AdminSite.Tests.xml").FileExists())
            throw new BuildFailedException($"The migration compatibility test did not run:{Environment.NewLine}{Tail(test)}");
        var failures = XDocument.Load(results / "AdminSite.Tests.xml").Descendants("failure")
            .Select(failure => (string?)failure.Attribute("message") ?? failure.Value).ToList();
        var unrelated = failures.Where(message => !message.Contains(ContractStep, StringComparison.Ordinal) || message.Contains(ExpandStep, StringComparison.Ordinal)).ToList();
        if (failures.Count == 0 || unrelated.Count > 0)
            throw new BuildFailedException($"The migration compatibility test failed, but not (only) because of {ContractStep}:{Environment.NewLine}{(unrelated.Count > 0 ? string.Join(Environment.NewLine, unrelated) : Tail(test))}");
        foreach (var message in failures)
            Log.Information(message);
        Log.Success($"dotnet test --filter {CompatibilityTests} fails {failures.Count} times, each naming {ContractStep}: it cannot ship.");
    }

    private async Task<ToolResult> CompatibilityTest(AbsolutePath results)
    {
        // A report left by an earlier run must never stand in for this one.
        if (results.DirectoryExists())
            Directory.Delete(results, recursive: true);
        var settings = new DotNetTestSettings(copy / "tests" / "AdminSite.Tests" / "AdminSite.Tests.csproj", "Debug", results) { NoBuild = false }
            .SetFilter(CompatibilityTests);
        Log.Information($"dotnet test --filter {CompatibilityTests} (builds the test project in the copy)...");
        var test = await runner.RunAsync(new ToolCommand("dotnet", settings.Arguments())
        {
            WorkingDirectory = copy,
            Environment = NoServers,
            Quiet = true,
            AllowFailure = true,
        });
        if ((test.StandardOutput + test.StandardError).Contains("No test matches the given testcase filter", StringComparison.Ordinal))
            throw new BuildFailedException($"No test matches {CompatibilityTests} in tests/AdminSite.Tests: the migration compatibility test is missing.");
        return test;
    }

    private static string Tail(ToolResult result) =>
        string.Join(Environment.NewLine, (result.StandardOutput + result.StandardError).Split('\n').TakeLast(40));

    /// <summary>What a developer runs (the remark on AdminDbContext): one migration per provider; the second reuses the first one's build.</summary>
    private async Task AddMigration(string name)
    {
        foreach (var (context, folder, build) in new[] { ("SqliteAdminDbContext", "Sqlite", true), ("PostgresAdminDbContext", "PostgreSQL", false) })
        {
            await DotNet.Run(["ef", "migrations", "add", name, "--project", "source/AdminSite", "--context", context,
                "--output-dir", $"Data/Migrations/{folder}", .. build ? Array.Empty<string>() : ["--no-build"]], environment: NoServers);
        }
    }
}

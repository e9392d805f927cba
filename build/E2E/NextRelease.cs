using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// The next release, made for real in a throw-away copy of the working tree: an expand step (a nullable column on
/// the users table, migrations for both providers by <c>dotnet ef</c>, as a developer adds them), built into an
/// image and pushed like the first; then the matching contract step shipped one release too early (the column
/// dropped while the previous release still maps it), which the migration compatibility test must refuse.
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

    public async Task<ImageRecord> BuildExpandStep(AbsolutePath root, IEnumerable<string> files, ImageRecord previous)
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
        var entity = await File.ReadAllTextAsync(Entity);
        if (!entity.Contains(Property, StringComparison.Ordinal))
            throw new BuildFailedException($"{Entity} lacks the expand step's column: build the expand step first.");
        await File.WriteAllTextAsync(Entity, entity.Replace("\n\n" + Property, "\n", StringComparison.Ordinal));
        await AddMigration(ContractStep);

        var test = await DotNet.Test(new DotNetTestSettings(copy / "tests" / "AdminSite.Tests" / "AdminSite.Tests.csproj", "Debug", results) { NoBuild = false }
            .SetFilter(CompatibilityTests), NoServers);
        var output = test.StandardOutput + test.StandardError;
        if (output.Contains("No test matches the given testcase filter", StringComparison.Ordinal))
            throw new BuildFailedException($"No test matches {CompatibilityTests} in tests/AdminSite.Tests: the migration compatibility test is missing.");
        if (test.Succeeded)
            throw new BuildFailedException($"The migration compatibility tests passed with {ContractStep}, which drops a column the previous release maps.");
        if (!output.Contains(ContractStep, StringComparison.Ordinal))
            throw new BuildFailedException($"The migration compatibility tests failed without naming {ContractStep}; details in {results}.");
        Log.Success($"dotnet test --filter {CompatibilityTests} fails and names {ContractStep}: it cannot ship.");
    }

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

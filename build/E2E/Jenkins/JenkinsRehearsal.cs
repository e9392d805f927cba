using System.Diagnostics;
using System.Globalization;
using BuildEngine;
using Jenkins;
using Spectre.Console;
using Tools;

namespace E2E;

/// <summary>
/// The generated Jenkinsfile's stages run the way Jenkins runs them, read from the <see cref="JenkinsPipeline"/> the
/// Jenkinsfile is written from (the caller checks the two agree): builds of a multibranch job for a pull request, a
/// feature branch and develop, twice (the daily build of an unchanged commit), each with Jenkins' variables in the
/// job's own workspace on one node that has no .NET. Per stage: its when condition, its credentials bound (a text in
/// a variable, a file in <c>workspace@tmp</c>), its lock, its one sh step, and on success its archived artifacts.
/// The Test stage runs in the dockerfile agent built and started from the node as Jenkins' docker-workflow plugin
/// does (the node's shell expands the uid/gid arguments), with NUKE_PLAN=true: AgentTest already ran the whole suite
/// in that agent, so here it proves the stage's command, uid and workspace, not the tests again.
/// Real: the node's docker, git and build.sh, the SDK bootstrap (from a loopback feed), the images, the registry.
/// Faked: the cluster (helm-stub.sh renders with the real helm and keeps the revisions in a folder), Jenkins itself.
/// </summary>
public sealed class JenkinsRehearsal(IProcessRunner runner, Docker docker, DockerEngine engine, JenkinsPipeline pipeline, AbsolutePath repository, AbsolutePath directory)
{
    /// <param name="DeploySkipReason">What the summary says when Deploy finds its commit already deployed.</param>
    public sealed record Inputs(string DeploySkipReason, string DockerClient, string Helm, IReadOnlyList<string> WorkingTreeFiles, string Registry);

    private sealed record JobBuild(string Branch, int Number, string? ChangeId)
    {
        public string Job => Branch.Replace('/', '-');
        public override string ToString() => $"{Branch} #{Number}";
    }

    private sealed record StageRun(string Stage, bool Ran, string Output);

    private readonly Dictionary<string, SemaphoreSlim> _locks = [];

    public async Task Run(Inputs inputs, CancellationToken cancellation = default)
    {
        var jobs = directory / "jobs";
        var cluster = directory / "cluster";
        foreach (var folder in new[] { jobs, cluster, directory / "archive" })
        {
            if (folder.DirectoryExists())
                Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
        }
        await Chown(cluster);
        var origin = await Origin(inputs.WorkingTreeFiles, cancellation);

        await new NodeImage(docker, repository).Ensure(inputs.DockerClient, inputs.Helm, cancellation);
        await using var feed = await DotNetFeed.Start(repository, directory / "dotnet", cancellation);
        var nodeEnvironment = new Dictionary<string, string>
        {
            // What a real node would have in its settings; here the mirrors and the registry are on loopback.
            ["DOTNET_INSTALL_SCRIPT_URL"] = feed.ScriptUrl,
            ["DOTNET_INSTALL_FEED"] = feed.FeedUrl,
            ["REGISTRY"] = inputs.Registry,
            ["DOCKER_NETWORK"] = "host",
        };
        if (Environment.GetEnvironmentVariable("NUGET_CERT_REVOCATION_MODE") is { Length: > 0 } revocation)
            nodeEnvironment["NUGET_CERT_REVOCATION_MODE"] = revocation;
        await using var node = await JenkinsNode.Start(runner, docker, engine, jobs, cluster, nodeEnvironment, cancellation);
        if (await node.Has("dotnet"))
            throw new BuildFailedException($"{NodeImage.Name} has dotnet on PATH: the rehearsal must start without .NET.");

        var table = new Table().Border(TableBorder.Simple).Title("Jenkins rehearsal").AddColumns("Build", "Stages run", "Skipped by when", "Time");
        var allStages = pipeline.Stages.Select(stage => stage.Target).ToList();
        var testOnly = allStages.Take(1).ToList();
        await Build(node, origin, new JobBuild("PR-7", 1, "7"), testOnly, table, cancellation);
        await Build(node, origin, new JobBuild("feature/login", 1, null), testOnly, table, cancellation);
        await Build(node, origin, new JobBuild("develop", 1, null), allStages, table, cancellation);
        if (Upgrades(cluster) != 1)
            throw new BuildFailedException($"The first develop build should roll out once; helm-stub.sh recorded {Upgrades(cluster)} upgrades.");
        var again = await Build(node, origin, new JobBuild("develop", 2, null), allStages, table, cancellation);
        var deploy = again.Single(stage => stage.Stage == allStages[^1]);
        if (Upgrades(cluster) != 1 || !deploy.Output.Contains(inputs.DeploySkipReason, StringComparison.Ordinal))
            throw new BuildFailedException($"The second develop build of the same commit rolled out again, or did not say why not ('{inputs.DeploySkipReason}').");

        var downloads = feed.Downloads(feed.ArchivePath);
        if (downloads != 1)
            throw new BuildFailedException($"The SDK archive was downloaded {downloads} times: the first develop stage installs it, every later one reuses it.");
        var upgrade = File.ReadLines(cluster / "helm.log").Single(line => line.StartsWith("upgrade ", StringComparison.Ordinal));
        if (!upgrade.Contains($"--kubeconfig {jobs / "develop"}@tmp/secretFiles/", StringComparison.Ordinal))
            throw new BuildFailedException($"Deploy did not hand helm the bound kubeconfig credential: {upgrade}");
        Log.Console.Write(table);
        Log.Success($"PR and feature builds ran {string.Join(", ", testOnly)} only; develop ran {string.Join(", ", allStages)}, " +
            "installed the SDK once and rolled out once in two builds of one commit.");
    }

    private async Task<IReadOnlyList<StageRun>> Build(JenkinsNode node, AbsolutePath origin, JobBuild build, IReadOnlyList<string> expected, Table table, CancellationToken cancellation)
    {
        Log.Console.MarkupLine($"[bold]Jenkins: {Markup.Escape(build.ToString())}[/]");
        var stopwatch = Stopwatch.StartNew();
        var workspace = directory / "jobs" / build.Job;
        if (!workspace.DirectoryExists())
        {
            await Git(["clone", "--quiet", origin, workspace], directory, cancellation);
            Directory.CreateDirectory(workspace + "@tmp");
            await Chown(workspace);
            await Chown(AbsolutePath.Create(workspace + "@tmp"));
        }

        var runs = new List<StageRun>();
        foreach (var stage in pipeline.Stages)
            runs.Add(await Stage(node, build, workspace, stage, cancellation));

        var ran = runs.Where(run => run.Ran).Select(run => run.Stage).ToList();
        if (!ran.SequenceEqual(expected))
            throw new BuildFailedException($"{build} ran {string.Join(", ", ran)}; it should run {string.Join(", ", expected)}.");
        table.AddRow(Markup.Escape(build.ToString()), string.Join(", ", ran),
            Markup.Escape(string.Join(", ", runs.Where(run => !run.Ran).Select(run => run.Stage))),
            stopwatch.Elapsed.TotalSeconds.ToString("0 s", CultureInfo.InvariantCulture));
        return runs;
    }

    private async Task<StageRun> Stage(JenkinsNode node, JobBuild build, AbsolutePath workspace, JenkinsStage stage, CancellationToken cancellation)
    {
        if (!When(stage, build))
            return new StageRun(stage.Target, false, "");

        Log.Console.MarkupLine($"[bold]  stage('{stage.Target}')[/] [grey]{Markup.Escape(stage.Command)}[/]");
        var environment = JenkinsEnvironment(build, workspace);
        var secrets = BindCredentials(stage, workspace, environment);
        var held = stage.Lock is { } resource ? Lock(resource) : null;
        if (held is not null)
            await held.WaitAsync(cancellation);
        try
        {
            await Chown(AbsolutePath.Create(workspace + "@tmp"));
            var result = stage.InDockerAgent
                ? await InDockerfileAgent(node, build, workspace, stage, environment, cancellation)
                : await node.Sh(stage.Command, workspace, environment, cancellation);
            if (!result.Succeeded)
                throw new BuildFailedException($"{build}: stage {stage.Target} ('{stage.Command}') exited with code {result.ExitCode}.");
            Archive(build, workspace, stage);
            return new StageRun(stage.Target, true, result.StandardOutput + result.StandardError);
        }
        finally
        {
            held?.Release();
            foreach (var secret in secrets)
                Directory.Delete(secret, recursive: true);
        }
    }

    /// <summary>when { branch '...'; not { changeRequest() } }, as the declarative pipeline evaluates it on BRANCH_NAME.</summary>
    private static bool When(JenkinsStage stage, JobBuild build) =>
        stage.BranchPatterns.Count == 0 ||
        build.ChangeId is null && stage.BranchPatterns.Any(pattern => BranchPattern.Matches(pattern, build.Branch));

    private static Dictionary<string, string> JenkinsEnvironment(JobBuild build, AbsolutePath workspace)
    {
        var environment = new Dictionary<string, string>
        {
            // Nothing listens there: the build only reads that the variable is set (a server build).
            ["JENKINS_URL"] = "http://127.0.0.1:9/",
            ["JOB_NAME"] = $"admin-site/{build.Branch}",
            ["BRANCH_NAME"] = build.Branch,
            ["BUILD_NUMBER"] = build.Number.ToString(CultureInfo.InvariantCulture),
            ["BUILD_ID"] = build.Number.ToString(CultureInfo.InvariantCulture),
            ["WORKSPACE"] = workspace,
        };
        if (build.ChangeId is not null)
        {
            environment["CHANGE_ID"] = build.ChangeId;
            environment["CHANGE_TARGET"] = "develop";
        }
        return environment;
    }

    /// <summary>Credentials Binding: a text in its variable; a file copied into workspace@tmp, its path in the variable.</summary>
    private List<string> BindCredentials(JenkinsStage stage, AbsolutePath workspace, Dictionary<string, string> environment)
    {
        var folders = new List<string>();
        foreach (var credential in stage.Credentials)
        {
            var value = CredentialStore(credential);
            if (credential.Kind == CredentialKind.Text)
            {
                environment[credential.Variable] = value;
                continue;
            }
            var folder = AbsolutePath.Create(workspace + "@tmp") / "secretFiles" / Guid.NewGuid().ToString();
            Directory.CreateDirectory(folder);
            File.WriteAllText(folder / credential.Id, value);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(folder / credential.Id, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            environment[credential.Variable] = folder / credential.Id;
            folders.Add(folder);
        }
        return folders;
    }

    /// <summary>The rehearsal's Jenkins credentials; an id the pipeline names but Jenkins lacks fails the stage, as there.</summary>
    private static string CredentialStore(JenkinsCredential credential) => (credential.Id, credential.Kind) switch
    {
        ("registry-password", CredentialKind.Text) => "rehearsal-registry-password",
        ("kubeconfig", CredentialKind.File) => """
            apiVersion: v1
            kind: Config
            clusters: [{ name: rehearsal, cluster: { server: "https://127.0.0.1:9" } }]
            users: [{ name: rehearsal, user: {} }]
            contexts: [{ name: rehearsal, context: { cluster: rehearsal, user: rehearsal } }]
            current-context: rehearsal

            """,
        _ => throw new BuildFailedException($"The rehearsal's Jenkins has no {credential.Kind} credential '{credential.Id}' for {credential.Variable}."),
    };

    private SemaphoreSlim Lock(string resource)
    {
        lock (_locks)
            return _locks.TryGetValue(resource, out var held) ? held : _locks[resource] = new SemaphoreSlim(1, 1);
    }

    /// <summary>
    /// docker-workflow's dockerfile agent, from the node: docker build with the stage's additionalBuildArgs in the node's
    /// shell, docker run as the node user's uid:gid with the workspace at its own path, the step through docker exec.
    /// --network host is the rehearsal's: the private engine has no bridge network.
    /// </summary>
    private async Task<ToolResult> InDockerfileAgent(JenkinsNode node, JobBuild build, AbsolutePath workspace, JenkinsStage stage,
        Dictionary<string, string> environment, CancellationToken cancellation)
    {
        var image = $"admin-site-rehearsal/agent:{build.Job.ToLowerInvariant()}";
        var built = await node.Sh($"docker build -t {image} {JenkinsPipeline.AgentBuildArguments} -f {workspace / JenkinsPipeline.Dockerfile} {workspace}",
            workspace, environment, cancellation);
        if (!built.Succeeded)
            return built;
        var started = await node.Sh($"docker run -t -d -u $(id -u):$(id -g) --network host -w {workspace} -v {workspace}:{workspace}:rw,z " +
            $"-v {workspace}@tmp:{workspace}@tmp:rw,z {image} cat", workspace, environment, cancellation);
        if (!started.Succeeded)
            return started;
        var container = started.StandardOutput.Trim().Split('\n')[^1];
        try
        {
            var step = new Dictionary<string, string>(environment) { ["NUKE_PLAN"] = "true" };
            var result = await docker.Exec(container, ["sh", "-c", stage.Command], workspace, step.ToList(), cancellation);
            if (result.Succeeded && !result.StandardOutput.Contains("Execution plan (nothing was run)", StringComparison.Ordinal))
                throw new BuildFailedException($"{build}: the agent ran '{stage.Command}' but printed no plan.");
            return result;
        }
        finally
        {
            await docker.Remove([container], CancellationToken.None);
        }
    }

    private void Archive(JobBuild build, AbsolutePath workspace, JenkinsStage stage)
    {
        foreach (var artifact in stage.Artifacts)
        {
            var source = workspace / artifact;
            if (!source.FileExists())
                throw new BuildFailedException($"{build}: archiveArtifacts found no {artifact} after stage {stage.Target}.");
            var target = directory / "archive" / build.Job / build.Number.ToString(CultureInfo.InvariantCulture) / artifact;
            Directory.CreateDirectory(target.Parent);
            File.Copy(source, target);
            if (artifact.EndsWith("image.json", StringComparison.Ordinal))
                ImageRecord.Read(target);
        }
    }

    /// <summary>The repository as a Jenkins job clones it: one commit holding this working tree.</summary>
    private async Task<AbsolutePath> Origin(IReadOnlyList<string> files, CancellationToken cancellation)
    {
        var origin = directory / "origin";
        if (origin.DirectoryExists())
            Directory.Delete(origin, recursive: true);
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(origin / file)!);
            File.Copy(repository / file, origin / file);
        }
        await Git(["init", "--quiet", "--initial-branch", "develop"], origin, cancellation);
        await Git(["add", "--all"], origin, cancellation);
        await Git(["-c", "user.name=Rehearsal", "-c", "user.email=rehearsal@localhost", "commit", "--quiet", "--message", "The working tree, as Jenkins checks it out"], origin, cancellation);
        return origin;
    }

    private Task<ToolResult> Git(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellation) =>
        runner.RunAsync(new ToolCommand("git", arguments) { WorkingDirectory = workingDirectory, Quiet = true }, cancellation);

    private Task<ToolResult> Chown(AbsolutePath path) =>
        runner.RunAsync(new ToolCommand("chown", ["-R", $"{NodeImage.User}:{NodeImage.User}", path]) { Quiet = true });

    private static int Upgrades(AbsolutePath cluster) =>
        (cluster / "helm.log").FileExists() ? File.ReadLines(cluster / "helm.log").Count(line => line.StartsWith("upgrade ", StringComparison.Ordinal)) : 0;
}

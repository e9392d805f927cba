using BuildEngine;
using E2E;
using Tools;

partial class Build
{
    /// <summary>A non-root uid that, like on Jenkins nodes, also exists in the real SDK image (Ubuntu's 'ubuntu').</summary>
    const int AgentUser = 1000;
    const string E2EPackages = "docker.io docker-registry debootstrap skopeo postgresql nginx podman catatonit sqlite3";

    AbsolutePath E2EDirectory => TemporaryDirectory / "e2e";
    AbsolutePath E2EArtifacts => ArtifactsDirectory / "e2e";

    Target E2E => _ => _
        .Description("Rehearses the road on this machine: agent tests as uid 1000, image, push, the chart's pod by digest under podman, PostgreSQL")
        .DependsOn(Prerequisites)
        .Requires(() => UnixUser.IsRoot, "root: E2E starts its own Docker engine, registry and PostgreSQL (CI runs it as root)")
        .Requires(() => File.Exists("/etc/debian_version"), "Debian: E2E installs what it needs with apt-get")
        .Executes(async () =>
        {
            var steps = new Steps();
            try
            {
                await Rehearse(steps);
            }
            finally
            {
                steps.WriteSummary();
            }
        });

    /// <summary>Everything started here is an <c>await using</c>: it stops, in reverse order, whatever fails.</summary>
    async Task Rehearse(Steps steps)
    {
        Directory.CreateDirectory(E2EArtifacts);
        await steps.Run("Install what is missing: " + E2EPackages, () => new Apt(Runner).EnsureInstalled(E2EPackages.Split(' '), isRoot: true));
        await using var engine = await steps.Run("Start a private Docker engine", () => DockerEngine.Start(Runner, E2EDirectory / "docker-data", E2EArtifacts));
        var docker = new Docker(Runner, RootDirectory, engine.Environment);
        await steps.Run("Stand-in base images with the Dockerfile's names", () => new StandInImages(Runner, docker, E2EDirectory / "cache").Ensure());
        await using var registry = await steps.Run("Start a local registry in place of ECR", () => LocalRegistry.Start(E2EDirectory / "registry"));
        await steps.Run($"AgentTest: ./build.sh Test in the Jenkins agent as uid {AgentUser}", () => AgentTestAsNonRoot(engine));
        var image = await steps.Run("DockerBuild and Push on the deploy branch", () => BuildAndPush(engine, registry));
        await RehearseChartPod(steps, docker, image);
        await using var postgres = await steps.Run("Start PostgreSQL", () => PostgresServer.Start(Runner, E2EArtifacts));
        await steps.Run("AdminSite tests on PostgreSQL", () => PostgresTests(postgres));
        await steps.Run("Scale-out: 3 replicas on PostgreSQL behind nginx, one replaced under load",
            () => new ScaleOutRehearsal(Runner, AdminSiteProject, E2EDirectory / "scale-out", E2EArtifacts).Run(postgres));
        await steps.Run("Jenkins rehearsal: PR, feature, develop twice; node without .NET (SDK from a loopback feed); helm's cluster faked",
            () => RehearseJenkins(engine, docker, registry));
        await steps.Run("npm-groovy-lint the generated Jenkinsfile", LintJenkinsfile);
    }

    /// <summary>./build.sh as Jenkins stages call it, in a child process with the private engine's DOCKER_HOST.</summary>
    Task<ToolResult> NestedBuild(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Runner.RunAsync(new ToolCommand(RootDirectory / "build.sh", args) { WorkingDirectory = RootDirectory, Environment = environment });

    /// <summary>A copy of the working tree owned by the agent user, as a Jenkins workspace is owned by the agent.</summary>
    async Task AgentTestAsNonRoot(DockerEngine engine)
    {
        var workspace = WorkingTreeCopy.Create(RootDirectory, await Git.WorkingTreeFiles(), E2EDirectory / "workspace");
        await Runner.RunAsync(new ToolCommand("chown", ["-R", $"{AgentUser}:{AgentUser}", workspace]) { Quiet = true });

        await NestedBuild(engine.Environment, "AgentTest", "--agent-uid", $"{AgentUser}", "--agent-gid", $"{AgentUser}",
            "--agent-workspace", workspace, "--docker-network", "host");

        var results = workspace / "artifacts" / "test-results";
        var reports = Directory.Exists(results) ? Directory.GetFiles(results, "*.xml") : [];
        if (reports.Length < TestProjects.Count())
            throw new BuildFailedException($"The agent left {reports.Length} JUnit reports in {results}, expected one per test project.");
        var foreign = (await Runner.RunAsync(new ToolCommand("find", [workspace / "artifacts", "-not", "-uid", $"{AgentUser}"]) { Quiet = true })).StandardOutput.Trim();
        if (foreign.Length > 0)
            throw new BuildFailedException($"Files in the workspace not owned by the agent user {AgentUser}: {foreign}");
        await Runner.RunAsync(new ToolCommand("cp", ["-r", results, E2EArtifacts / "agent-test-results"]) { Quiet = true });
        Log.Success($"{reports.Length} JUnit reports written by uid {AgentUser} in the mounted workspace.");
    }

    async Task<ImageRecord> BuildAndPush(DockerEngine engine, LocalRegistry registry)
    {
        // Both targets by name with a bare --skip, as the Jenkins stages run them after the Test stage.
        await NestedBuild(engine.Environment, "DockerBuild", "Push", "--skip", "--branch", DeployBranch,
            "--registry", registry.Host, "--build-number", "e2e", "--docker-network", "host");
        return ImageRecord.Read(ImageRecordFile);
    }

    /// <summary>
    /// The chart's pod run by podman, revision after revision on one volume, then the next release's schema change
    /// deployed and rolled back; podman and all it ran are gone when this returns.
    /// </summary>
    async Task RehearseChartPod(Steps steps, Docker docker, ImageRecord image)
    {
        await using var podman = await steps.Run("Start a private podman", () => Podman.Start(Runner, E2EDirectory / "podman"));
        var pod = new ChartPodRehearsal(Runner, podman, RenderChart, E2EArtifacts / "chart-pod");
        await steps.Run("Chart pod, revision 1: helm template with the pushed digest, podman kube play: migrate, locked down, probes, the Secret's admin",
            () => pod.Install(image));
        await steps.Run("Chart pod: the helm test pod's check passes against it", pod.HelmTest);
        await steps.Run("Chart pod, revision 2 replaces the pod on the same volume: the users survive", () => pod.Upgrade(image));

        var next = new NextRelease(Runner, docker, E2EDirectory / "next-release");
        var nextImage = await steps.Run($"Rollback: the next release from a throw-away copy: {NextRelease.ExpandStep} (a nullable column, dotnet ef, both providers) passes the compatibility test; image pushed",
            async () => await next.BuildExpandStep(RootDirectory, await Git.WorkingTreeFiles(), image, E2EArtifacts / "compatibility-test-results"));
        await steps.Run("Rollback: revision 3 deploys the next release over revision 2's data", () => pod.Upgrade(nextImage, NextRelease.ExpandStep));
        await steps.Run("Rollback: revision 4 brings revision 1 back on the migrated database: login and the users changelist, nothing lost", async () =>
        {
            await pod.Rollback();
            await NextRelease.CheckSchemaKept(pod);
        });
        await steps.Run($"Rollback: a contract step shipped too early ({NextRelease.ContractStep}) fails the migration compatibility test",
            () => next.RefuseContractStep(E2EArtifacts / "compatibility-test-results"));
    }

    Task<string> RenderChart(ImageRecord image) =>
        Helm.Template(Release, ChartDirectory, [new("image.repository", image.RepositoryReference), new("image.digest", image.Digest)]);

    async Task PostgresTests(PostgresServer postgres)
    {
        var settings = new DotNetTestSettings(AdminSiteTestsProject, Configuration.ToString(), E2EArtifacts / "postgres-test-results") { NoBuild = false }
            .SetFilter("TestCategory=PostgreSQL");
        // The tests create (and drop) a database of their own per run, so they get the server's maintenance database.
        var result = await DotNet.Test(settings, new Dictionary<string, string?> { ["ADMIN_SITE_TEST_POSTGRES"] = postgres.ConnectionString("postgres") });
        if (!result.Succeeded)
            throw new BuildFailedException($"AdminSite tests failed on PostgreSQL; details in {E2EArtifacts.GetRelativePathFrom(RootDirectory)}/postgres-test-results.");
    }

    /// <summary>
    /// CodeNarc scans its whole base folder for the file to lint, so it gets a folder holding only the Jenkinsfile
    /// and the lint settings, not a repository with a Docker data root in it.
    /// </summary>
    async Task LintJenkinsfile()
    {
        var folder = Directory.CreateTempSubdirectory("groovy-lint-");
        try
        {
            File.Copy(JenkinsfilePath, Path.Combine(folder.FullName, "Jenkinsfile"));
            File.Copy(RootDirectory / ".groovylintrc.json", Path.Combine(folder.FullName, ".groovylintrc.json"));
            await Runner.RunAsync(new ToolCommand("npx", ["--yes", "npm-groovy-lint@15", "--noserver", "--failon", "error", "Jenkinsfile"])
            {
                WorkingDirectory = folder.FullName,
                MissingHint = "npm-groovy-lint runs with npx: apt-get install npm.",
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    AbsolutePath AdminSiteTestsProject => TestsDirectory / "AdminSite.Tests" / "AdminSite.Tests.csproj";
}

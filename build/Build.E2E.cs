using BuildEngine;
using E2E;
using Tools;

partial class Build
{
    /// <summary>A non-root uid that, like on Jenkins nodes, also exists in the real SDK image (Ubuntu's 'ubuntu').</summary>
    const int AgentUser = 1000;
    const string E2EPackages = "docker.io docker-registry debootstrap skopeo postgresql nginx";

    AbsolutePath E2EDirectory => TemporaryDirectory / "e2e";
    AbsolutePath E2EArtifacts => ArtifactsDirectory / "e2e";

    Target E2E => _ => _
        .Description("Rehearses the road on this machine: agent tests as uid 1000, image, push, pull by digest, run, helm, PostgreSQL")
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
        await steps.Run("Pull by digest and run read-only: health, login, /data survives", () => RunPushedImage(docker, image));
        await steps.Run("helm template puts the pushed digest in the Deployment", () => RenderChartWith(image));
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
        var workspace = E2EDirectory / "workspace";
        if (workspace.DirectoryExists())
            Directory.Delete(workspace, recursive: true);
        foreach (var file in await Git.WorkingTreeFiles())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(workspace / file)!);
            File.Copy(RootDirectory / file, workspace / file);
        }
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

    async Task RunPushedImage(Docker docker, ImageRecord image)
    {
        const string container = "admin-site-e2e";
        const string volume = "admin-site-e2e-data";
        const string firstPassword = "First-e2e-Passw0rd";
        const string secondPassword = "Second-e2e-Passw0rd";

        // Only what the registry serves may run: the local tags go, the digest is pulled back.
        await docker.RemoveImages([$"{Repository}:{image.Tag}", $"{image.RepositoryReference}:{image.Tag}"]);
        await docker.Pull(image.DigestReference);
        var port = FreePort.Next();
        using var site = new SiteProbe($"http://127.0.0.1:{port}");
        await docker.Remove([container]);
        await docker.RemoveVolume(volume);
        try
        {
            await StartSite(docker, site, container, volume, image, port, firstPassword);
            await site.CheckServing();
            if (!await site.CanLogIn("admin", firstPassword))
                throw new BuildFailedException("The bootstrap admin cannot log in to the pushed image.");

            // A new container on the same volume: the first admin must still be there, and the bootstrap must not run again.
            await docker.Remove([container]);
            await StartSite(docker, site, container, volume, image, port, secondPassword);
            if (!await site.CanLogIn("admin", firstPassword) || await site.CanLogIn("admin", secondPassword))
                throw new BuildFailedException("The users did not survive a container restart on the /data volume.");
            Log.Success($"{image.DigestReference} serves on a read-only root file system and keeps its data in /data.");
        }
        finally
        {
            await docker.Remove([container]);
            await docker.RemoveVolume(volume);
        }
    }

    /// <summary>Runs like Kubernetes will: read-only root, a tmpfs /tmp, the data volume, as the image's non-root user.</summary>
    static async Task StartSite(Docker docker, SiteProbe site, string container, string volume, ImageRecord image, int port, string adminPassword)
    {
        await docker.Run(run => run
            .EnableDetach()
            .SetName(container)
            .SetNetwork("host")
            .EnableReadOnly()
            .AddTmpfs("/tmp")
            .AddVolume($"{volume}:/data")
            .AddEnvironmentVariable("ASPNETCORE_HTTP_PORTS", $"{port}")
            .AddEnvironmentVariable("Bootstrap__AdminPassword", adminPassword)
            .SetImage(image.DigestReference));
        if (await Readiness.Poll(site.IsHealthy, TimeSpan.FromSeconds(60)))
            return;
        var logs = await docker.Logs(container);
        throw new BuildFailedException($"{image.DigestReference} did not become healthy in 60 s.{Environment.NewLine}{logs.StandardOutput}{logs.StandardError}");
    }

    async Task RenderChartWith(ImageRecord image)
    {
        var rendered = await Helm.Template(Release, ChartDirectory, [new("image.repository", image.RepositoryReference), new("image.digest", image.Digest)]);
        var expected = $"image: \"{image.DigestReference}\"";
        if (!rendered.Contains(expected, StringComparison.Ordinal))
            throw new BuildFailedException($"helm template did not render {expected}.");
        Log.Success($"The chart deploys {image.DigestReference}.");
    }

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

using System.Globalization;
using System.Runtime.InteropServices;
using BuildEngine;
using Tools;

partial class Build
{
    [Parameter("Container registry host, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com")]
    readonly string? Registry;

    [Parameter("Image repository in the registry")]
    readonly string Repository = "admin-site";

    [Parameter("CI build number, the second half of the image tag (Jenkins sets BUILD_NUMBER)", EnvironmentVariable = "BUILD_NUMBER")]
    readonly string BuildNumber = "local";

    [Parameter("Registry user for docker login (not needed for ECR, which uses the credential helper)")]
    readonly string? RegistryUsername;

    [Parameter("Registry password for docker login, read from the environment in CI"), Secret]
    readonly string? RegistryPassword;

    [Parameter("docker --network for builds and runs (the E2E rehearsal uses host)")]
    readonly string? DockerNetwork;

    [Parameter("AgentTest: uid the agent container runs as (default: yours, as Jenkins does)")]
    readonly int? AgentUid;

    [Parameter("AgentTest: gid the agent container runs as (default: yours)")]
    readonly int? AgentGid;

    [Parameter("AgentTest: workspace mounted into the agent (default: the repository root)")]
    readonly AbsolutePath? AgentWorkspace;

    AbsolutePath Dockerfile => RootDirectory / "Dockerfile";
    AbsolutePath ImageRecordFile => ArtifactsDirectory / "image.json";
    Docker Docker => new(Runner, RootDirectory);

    Target AgentTest => _ => _
        .Description("Runs ./build.sh Test the way Jenkins does: inside the Dockerfile's test stage, as your uid/gid")
        .Executes(async () =>
        {
            var uid = AgentUid ?? (int)GetUid();
            var gid = AgentGid ?? (int)GetGid();
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

    Target DockerBuild => _ => _
        .Description("Builds the production image, tagged <git sha>-<build number>, with OCI labels")
        .DependsOn(Test)
        .OnlyOnBranches(DeployBranch)
        .Executes(async () =>
        {
            // A new image makes any earlier push record stale: Deploy must never pick up the previous image.
            DeleteImageRecord();
            var tag = await ImageTag();
            var revision = await Git.CommitSha();
            var source = await Git.OriginUrl() ?? "unknown";

            await Docker.Build(build => build
                .SetFile(Dockerfile)
                .SetTarget("final")
                .AddTag($"{Repository}:{tag}")
                .AddLabel("org.opencontainers.image.title", Repository)
                .AddLabel("org.opencontainers.image.revision", revision)
                .AddLabel("org.opencontainers.image.source", source)
                .AddLabel("org.opencontainers.image.version", tag)
                .AddLabel("org.opencontainers.image.created", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
                .SetNetwork(DockerNetwork)
                .SetContext(RootDirectory));
            Log.Success($"Built {Repository}:{tag}.");
        });

    Target Push => _ => _
        .Description("Pushes the image to the registry and records its digest in artifacts/image.json")
        .DependsOn(DockerBuild)
        .OnlyOnBranches(DeployBranch)
        .Requires(() => Registry)
        .Executes(async () =>
        {
            DeleteImageRecord();
            var tag = await ImageTag();
            var remote = $"{Registry}/{Repository}";

            await LogInToRegistry(Registry!);
            await Docker.Tag($"{Repository}:{tag}", $"{remote}:{tag}");
            var push = await Docker.Push($"{remote}:{tag}");

            var digest = ImageRecord.DigestFromPushOutput(push.StandardOutput, tag)
                ?? ImageRecord.DigestFromRepoDigests(await Docker.Inspect($"{remote}:{tag}", "{{json .RepoDigests}}"), remote)
                ?? throw new BuildFailedException($"docker push of {remote}:{tag} reported no valid sha256 digest; nothing was recorded.");

            new ImageRecord(Registry!, Repository, tag, digest).Write(ImageRecordFile);
            Log.Success($"Pushed {remote}@{digest}; recorded in {ImageRecordFile.GetRelativePathFrom(RootDirectory)}.");
        });

    /// <summary>An image record is only ever the outcome of the latest successful push.</summary>
    void DeleteImageRecord()
    {
        if (ImageRecordFile.FileExists())
            File.Delete(ImageRecordFile);
    }

    async Task<string> ImageTag()
    {
        var tag = $"{(await Git.CommitSha())[..12]}-{BuildNumber}";
        // Docker's tag grammar; a bad BUILD_NUMBER must fail here, not halfway through a push.
        return System.Text.RegularExpressions.Regex.IsMatch(tag, @"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z")
            ? tag
            : throw new BuildFailedException($"'{tag}' is not a valid image tag: check --build-number.");
    }

    /// <summary>ECR: the credential helper (no docker login: mixing both fails). Others: docker login when credentials are given.</summary>
    async Task LogInToRegistry(string registry)
    {
        if (DockerConfig.IsEcrRegistry(registry))
        {
            if (ExecutableLocator.Find("docker-credential-ecr-login", EnvironmentVariables) is null)
                throw new BuildFailedException($"{registry} is Amazon ECR, which needs docker-credential-ecr-login on PATH (apt-get install amazon-ecr-credential-helper).");
            var config = DockerConfig.DefaultPath(EnvironmentVariables);
            if (DockerConfig.UseCredentialHelper(config, registry))
                Log.Information($"{config}: {registry} now uses the {DockerConfig.EcrHelper} credential helper.");
            return;
        }
        if (RegistryUsername is not null && RegistryPassword is not null)
        {
            await Docker.Login(registry, RegistryUsername, RegistryPassword);
            return;
        }
        Log.Information($"No credentials for {registry}: pushing with whatever docker already has.");
    }

    [DllImport("libc", EntryPoint = "getuid")]
    static extern uint GetUid();

    [DllImport("libc", EntryPoint = "getgid")]
    static extern uint GetGid();
}

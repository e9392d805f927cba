using System.Globalization;
using BuildEngine;
using Tools;

partial class Build
{
    [Parameter("CI build number, the second half of the image tag (Jenkins sets BUILD_NUMBER)", EnvironmentVariable = "BUILD_NUMBER")]
    readonly string BuildNumber = "local";

    [Parameter("Registry user for docker login (not needed for ECR, which uses the credential helper)")]
    readonly string? RegistryUsername;

    [Parameter("Registry password for docker login, handed to it on stdin; give it by environment or file, not on the command line (ps shows it); Jenkins binds the secret-text credential 'registry-password'", CredentialsId = "registry-password"), Secret]
    readonly string? RegistryPassword;

    /// <summary>The image tag is <c>&lt;12-character git sha&gt;-&lt;build number&gt;</c>: the build number must complete a Docker tag.</summary>
    static readonly ValueRule<string> BuildNumberRule = ValueRule<string>.Matching(
        "a build number of letters, digits, '_', '.' and '-' (at most 115), which ends the image tag <git sha>-<build number>",
        number => DockerReference.IsValidTag($"{new string('0', 12)}-{number}"));

    const string VersionLabel = "org.opencontainers.image.version";

    Target DockerBuild => _ => _
        .Description("Builds the production image, tagged <git sha>-<build number>, with OCI labels")
        .DependsOn(Test)
        .OnlyOnBranches(DeployBranch)
        .Validates(() => Repository, DockerReference.Repository)
        .Validates(() => BuildNumber, BuildNumberRule)
        .Executes(async () =>
        {
            // A new image makes any earlier push record stale: Deploy must never pick up the previous image.
            DeleteImageRecord();
            var tag = await ImageTag();
            var revision = await Git.CommitSha();
            var source = await Git.OriginUrl() ?? "unknown";
            var version = await SiteVersion.Compute(DotNet, AdminSiteProject);
            Log.Information($"Version {version} (MinVer, from the git tags).");

            // The build context has no .git: the version and commit the site shows come in as build arguments.
            await Docker.Build(build => build
                .SetFile(Dockerfile)
                .SetTarget("final")
                .AddTag($"{Repository}:{tag}")
                .AddBuildArg("VERSION", version)
                .AddBuildArg("REVISION", revision)
                .AddLabel("org.opencontainers.image.title", Repository)
                .AddLabel("org.opencontainers.image.revision", revision)
                .AddLabel("org.opencontainers.image.source", source)
                .AddLabel(VersionLabel, version)
                .AddLabel("org.opencontainers.image.created", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
                .SetNetwork(DockerNetwork)
                .SetContext(RootDirectory));
            ReportSummary("Version", version);
            Log.Success($"Built {Repository}:{tag}, version {version}.");
        });

    Target Push => _ => _
        .Description("Pushes the image to the registry and records its digest in artifacts/image.json")
        .DependsOn(DockerBuild)
        .OnlyOnBranches(DeployBranch)
        .Requires(() => Registry)
        .Validates(() => Registry, DockerReference.Registry)
        .Validates(() => Repository, DockerReference.Repository)
        .Validates(() => BuildNumber, BuildNumberRule)
        // ECR signs in through the credential helper: Jenkins then binds no 'registry-password' (nobody has to create one).
        .Uses(() => RegistryPassword, when: () => Registry is null || !DockerConfig.IsEcrRegistry(Registry))
        .Produces(ImageRecordFile)
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

            // The version as DockerBuild labelled the image, for Deploy to hand to the chart.
            var version = await Docker.ImageLabel($"{Repository}:{tag}", VersionLabel);
            new ImageRecord(Registry!, Repository, tag, digest) { Version = SiteVersion.IsValid(version) ? version! : "" }.Write(ImageRecordFile);
            ReportSummary("Image", $"{remote}@{digest}");
            Log.Success($"Pushed {remote}@{digest}; recorded in {ImageRecordFile.GetRelativePathFrom(RootDirectory)}.");
        });

    /// <summary>An image record is only ever the outcome of the latest successful push.</summary>
    void DeleteImageRecord()
    {
        if (ImageRecordFile.FileExists())
            File.Delete(ImageRecordFile);
    }

    /// <summary>The build number was checked before the build started (<see cref="BuildNumberRule"/>).</summary>
    async Task<string> ImageTag() => $"{(await Git.CommitSha())[..12]}-{BuildNumber}";

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
}

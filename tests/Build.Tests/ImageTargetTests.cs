using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BuildEngine;
using Tools;

namespace BuildTests;

public class ImageTargetTests : RealBuildFixture
{
    private const string Ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private AbsolutePath ImageJson => Host.Root / "artifacts" / "image.json";
    private AbsolutePath DockerConfigFile => Host.Root / "docker-config" / "config.json";

    [SetUp]
    public void AnswerPushes() =>
        Answers["docker push"] = command => Ok($"The push refers to repository [{command.Arguments[1].Split(':')[0]}]\n" +
            $"5f70bf18a086: Pushed\n{command.Arguments[1].Split(':')[^1]}: digest: {Digest} size: 1786\n");

    [Test]
    public void DockerBuild_builds_the_final_stage_tagged_sha_and_build_number_with_OCI_labels()
    {
        Run("DockerBuild", "--skip", "--branch", "develop", "--build-number", "57").Should().Be(ExitCodes.Success);

        var arguments = Single("docker build").Arguments;
        arguments.Take(7).Should().Equal("build", "--file", Host.Root / "Dockerfile", "--target", "final", "--tag", "admin-site:0123456789ab-57");
        arguments.Should().ContainInConsecutiveOrder("--label", $"org.opencontainers.image.revision={Sha}");
        arguments.Should().ContainInConsecutiveOrder("--label", "org.opencontainers.image.source=https://git.example.com/team/admin-site.git");
        arguments.Should().ContainInConsecutiveOrder("--label", $"org.opencontainers.image.version={Version}");
        arguments.Should().Contain(argument => argument.StartsWith("org.opencontainers.image.created=20", StringComparison.Ordinal));
        arguments[^1].Should().Be(Host.Root.Value);
    }

    [Test]
    public void DockerBuild_passes_MinVers_version_and_the_commit_into_the_image_and_the_summary()
    {
        Run("DockerBuild", "--skip", "--branch", "develop").Should().Be(ExitCodes.Success);

        Single("dotnet msbuild").Arguments.Should().Equal(
            "msbuild", Host.Root / "source" / "AdminSite" / "AdminSite.csproj", "-nologo", "-restore", "-target:MinVer", "-getProperty:MinVerVersion");
        var arguments = Single("docker build").Arguments;
        arguments.Should().ContainInConsecutiveOrder("--build-arg", $"VERSION={Version}");
        arguments.Should().ContainInConsecutiveOrder("--build-arg", $"REVISION={Sha}");
        Host.Output.Should().MatchRegex($@"DockerBuild\s+│\s+Succeeded\s+│\s+[\d.]+ s\s+│\s+Version: {Regex.Escape(Version)}");
    }

    [Test]
    public void MSBuild_warnings_before_the_version_are_left_out()
    {
        Answers["dotnet msbuild"] = _ => Ok($"MinVer : warning MINVER1002: shallow clone? [x.csproj]\n{Version}\n");

        Run("DockerBuild", "--skip", "--branch", "develop").Should().Be(ExitCodes.Success);

        Single("docker build").Arguments.Should().ContainInConsecutiveOrder("--build-arg", $"VERSION={Version}");
    }

    [Test]
    public void A_version_that_is_not_SemVer_stops_DockerBuild_before_docker_runs()
    {
        Answers["dotnet msbuild"] = _ => Ok("MSBuild version 18.0\n");

        Run("DockerBuild", "--skip", "--branch", "develop").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("MinVer gave 'MSBuild version 18.0'").And.Contain("which is not a SemVer version");
        Commands("docker build").Should().BeEmpty();
    }

    [Test]
    public void DockerBuild_does_not_run_on_feature_branches()
    {
        Run("DockerBuild", "--skip", "--branch", "feature/login").Should().Be(ExitCodes.Success);

        Commands("docker").Should().BeEmpty();
    }

    [Test]
    public void A_malformed_build_number_fails_before_anything_runs()
    {
        Host.WithEnvironment("BUILD_NUMBER", "12 3");

        Run("Push", "--branch", "develop", "--registry", "localhost:5000").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--build-number '12 3' must be a build number of letters, digits, '_', '.' and '-' (at most 115), " +
            "which ends the image tag <git sha>-<build number> (from environment variable BUILD_NUMBER).");
        NoProcessStarted();
    }

    [TestCase("bad_registry!!/UPPER/Case", "it holds a '/': a registry is a host and port only, a path belongs to the repository")]
    [TestCase("reg/x,service.type=NodePort,extraEnv[0].name=ASPNETCORE_FORWARDEDHEADERS_ENABLED,extraEnv[0].value=true", "it holds a '/'")]
    [TestCase("bad_registry!!", "'_' is not allowed in a host name")]
    [TestCase("localhost:99999", "port '99999' is not a number from 1 to 65535")]
    public void A_malformed_registry_fails_before_anything_runs(string registry, string problem)
    {
        Run("Push", "--branch", "develop", "--registry", registry).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--registry '{registry}' must be a registry host[:port], such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com or localhost:5000: {problem}");
        NoProcessStarted();
    }

    [Test]
    public void A_malformed_repository_fails_before_anything_runs()
    {
        Run("DockerBuild", "--branch", "develop", "--repository", "Admin-Site").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--repository 'Admin-Site' must be an image repository of lowercase path components").And.Contain(": uppercase 'A' is not allowed");
        NoProcessStarted();
    }

    [Test]
    public void Push_to_ECR_uses_the_credential_helper_keeps_the_docker_config_and_records_the_digest()
    {
        InstallFakeTool("docker-credential-ecr-login");
        Directory.CreateDirectory(DockerConfigFile.Parent);
        File.WriteAllText(DockerConfigFile, """
            { "auths": { "ghcr.io": { "auth": "abc" } }, "credsStore": "desktop",
              "credHelpers": { "gcr.io": "gcloud" } }
            """);

        Run("Push", "--skip", "--branch", "develop", "--registry", Ecr, "--build-number", "9").Should().Be(ExitCodes.Success);

        var config = JsonNode.Parse(File.ReadAllText(DockerConfigFile))!;
        config["credHelpers"]![Ecr]!.GetValue<string>().Should().Be("ecr-login");
        config["credHelpers"]!["gcr.io"]!.GetValue<string>().Should().Be("gcloud");
        config["auths"]!["ghcr.io"]!["auth"]!.GetValue<string>().Should().Be("abc");
        config["credsStore"]!.GetValue<string>().Should().Be("desktop");
        Commands("docker login").Should().BeEmpty();
        Single("docker tag").Arguments.Should().Equal("tag", "admin-site:0123456789ab-9", $"{Ecr}/admin-site:0123456789ab-9");
        Single("docker push").Arguments.Should().Equal("push", $"{Ecr}/admin-site:0123456789ab-9");
        ImageRecord.Read(ImageJson).Should().Be(new ImageRecord(Ecr, "admin-site", "0123456789ab-9", Digest));
    }

    [Test]
    public void Push_records_the_version_DockerBuild_labelled_the_image_with()
    {
        Answers["docker image"] = command => command.Arguments.Contains("{{index .Config.Labels \"org.opencontainers.image.version\"}}")
            ? Ok(Version + "\n") : Ok();

        Run("Push", "--skip", "--branch", "develop", "--registry", "localhost:5000", "--build-number", "9").Should().Be(ExitCodes.Success);

        Single("docker image").Arguments.Should().EndWith("admin-site:0123456789ab-9");
        ImageRecord.Read(ImageJson).Version.Should().Be(Version);
        Host.Output.Should().Contain($"Image: localhost:5000/admin-site@{Digest}");
    }

    [Test]
    public void Push_to_ECR_without_the_credential_helper_says_how_to_install_it()
    {
        Run("Push", "--skip", "--branch", "develop", "--registry", Ecr).Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("apt-get install amazon-ecr-credential-helper");
        Commands("docker push").Should().BeEmpty();
    }

    [Test]
    public void Push_to_another_registry_logs_in_with_the_password_on_stdin_only()
    {
        Host.WithEnvironment("REGISTRY_PASSWORD", "pa55-w0rd-xyz");

        Run("Push", "--skip", "--branch", "develop", "--registry", "registry.example.com", "--registry-username", "ci").Should().Be(ExitCodes.Success);

        var login = Single("docker login");
        login.Arguments.Should().Equal("login", "registry.example.com", "--username", "ci", "--password-stdin");
        login.StandardInput.Should().Be("pa55-w0rd-xyz");
        login.ToString().Should().NotContain("pa55-w0rd-xyz");
        Host.Output.Should().NotContain("pa55-w0rd-xyz");
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Push_reads_the_registry_password_from_a_file_and_hands_it_to_docker_on_stdin()
    {
        var file = Host.Root / "registry-password";
        File.WriteAllText(file, "pa55-w0rd-xyz\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Host.WithEnvironment("REGISTRY_PASSWORD_FILE", file);

        Run("Push", "--skip", "--branch", "develop", "--registry", "registry.example.com", "--registry-username", "ci").Should().Be(ExitCodes.Success);

        Single("docker login").StandardInput.Should().Be("pa55-w0rd-xyz");
        Host.Output.Should().NotContain("pa55-w0rd-xyz").And.NotContain("warning");
    }

    [Test]
    public void Push_falls_back_to_the_repo_digest_of_this_registry()
    {
        Answers["docker push"] = _ => Ok("pushed, but this docker prints no digest line\n");
        Answers["docker inspect"] = _ => Ok($"""["docker.io/library/admin-site@sha256:{new string('a', 64)}","localhost:5000/admin-site@{Digest}"]""");

        Run("Push", "--skip", "--branch", "develop", "--registry", "localhost:5000").Should().Be(ExitCodes.Success);

        ImageRecord.Read(ImageJson).Digest.Should().Be(Digest);
    }

    [Test]
    public void Push_without_a_valid_digest_fails_and_records_nothing()
    {
        Answers["docker push"] = _ => Ok("latest: digest: sha256:NOTHEX size: 12\n");
        Answers["docker inspect"] = _ => Ok("[]");

        Run("Push", "--skip", "--branch", "develop", "--registry", "localhost:5000").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("reported no valid sha256 digest");
        File.Exists(ImageJson).Should().BeFalse();
    }

    [Test]
    public void A_failed_push_leaves_no_stale_image_record()
    {
        new ImageRecord("localhost:5000", "admin-site", "old", Digest).Write(ImageJson);
        Answers["docker push"] = _ => new ToolResult(1, "", "denied: requested access to the resource is denied");

        Run("Push", "--skip", "--branch", "develop", "--registry", "localhost:5000").Should().Be(ExitCodes.TargetFailed);

        File.Exists(ImageJson).Should().BeFalse();
    }

    [Test]
    public void Push_requires_a_registry_before_anything_runs()
    {
        Run("Push", "--skip", "--branch", "develop").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Push' requires --registry (or REGISTRY, or parameters.json's Registry)");
        Commands("docker").Should().BeEmpty();
    }
}

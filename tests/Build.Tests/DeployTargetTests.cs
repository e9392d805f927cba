using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BuildEngine;
using Tools;

namespace BuildTests;

/// <summary>Deploy's exact helm command lines, for Helm 4 and Helm 3 (the real binaries parse them in Tools/HelmCommandLineTests).</summary>
[TestFixture("v4.1.4")]
[TestFixture("v3.17.3")]
public class DeployTargetTests(string helmVersion) : RealBuildFixture
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private bool IsHelm4 => helmVersion.StartsWith("v4.", StringComparison.Ordinal);
    private string[] RollbackOnFailure => IsHelm4 ? ["--rollback-on-failure", "--wait=watcher"] : ["--atomic", "--wait"];
    private string Wait => IsHelm4 ? "--wait=watcher" : "--wait";
    private AbsolutePath ValuesFile => Host.Root / ".nuke" / "temp" / "deploy" / "admin-site.values.json";

    [SetUp]
    public void HelmAndImage()
    {
        InstallFakeTool("helm");
        Answers["helm version"] = _ => Ok(helmVersion);
        new ImageRecord(Registry, "admin-site", "0123456789ab-7", Digest) { Version = Version }.Write(Host.Root / "artifacts" / "image.json");
        Directory.CreateDirectory(Host.Root / "chart");
        File.WriteAllText(Host.Root / "chart" / "Chart.yaml", "apiVersion: v2\nname: admin-site\nversion: 1.0.0\n");
    }

    private int Deploy(params string[] extra) =>
        Run(["Deploy", "--skip", "--branch", "develop", "--kube-context", "prod", .. extra]);

    [Test]
    public void Deploy_reads_the_helm_version_upgrades_by_digest_with_rollback_on_failure_then_runs_helm_test()
    {
        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Single("helm version").Arguments.Should().Equal("version", "--template", "{{.Version}}");
        Single("helm upgrade").Arguments.Should().Equal(
            ["upgrade", "--install", "admin-site", Host.Root / "chart", "--namespace", "admin-site",
             .. RollbackOnFailure, "--timeout", "5m", "--history-max", "10",
             "--kube-context", "prod",
             "--description", DeployStamp.Of(Sha, Host.Root / "chart", [], $"{Registry}/admin-site").ToString(),
             "--values", ValuesFile]);
        Single("helm test").Arguments.Should().Equal(
            "test", "admin-site", "--logs", "--timeout", "5m", "--namespace", "admin-site", "--kube-context", "prod");
        Commands("helm rollback").Should().BeEmpty();
        Single("helm upgrade").Executable.Should().Be(ToolsDirectory / "helm");
        Host.Output.Should().Contain($"with helm {helmVersion}.");
    }

    [Test]
    public void The_image_reaches_helm_in_a_values_file_never_on_the_command_line()
    {
        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        var values = JsonNode.Parse(File.ReadAllText(ValuesFile))!;
        values["image"]!["repository"]!.GetValue<string>().Should().Be($"{Registry}/admin-site");
        values["image"]!["digest"]!.GetValue<string>().Should().Be(Digest);
        values["image"]!["version"]!.GetValue<string>().Should().Be(Version, "the chart labels the release with it: helm upgrade has no --app-version");
        Host.Output.Should().MatchRegex($@"Deploy\s+│\s+Succeeded\s+│\s+[\d.]+ s\s+│\s+Version: {Regex.Escape(Version)}");
        Single("helm upgrade").Arguments.Should().NotContain(argument => argument.StartsWith("--set", StringComparison.Ordinal) || argument.Contains(Digest));
    }

    [Test]
    public void Parameters_change_release_namespace_timeout_and_values_files_which_come_before_the_builds_own()
    {
        File.WriteAllText(Host.Root / "prod.yaml", "replicaCount: 1\n");

        Deploy("--release", "admin", "--namespace", "ops", "--deploy-timeout", "10m", "--values-files", "prod.yaml").Should().Be(ExitCodes.Success, Host.Output);

        var arguments = Single("helm upgrade").Arguments;
        arguments.Should().ContainInConsecutiveOrder("upgrade", "--install", "admin");
        arguments.Should().ContainInConsecutiveOrder("--namespace", "ops");
        arguments.Should().ContainInConsecutiveOrder("--timeout", "10m");
        arguments.Should().EndWith(["--values", Host.Root / "prod.yaml", "--values", Host.Root / ".nuke" / "temp" / "deploy" / "admin.values.json"]);
    }

    [Test]
    public void The_namespace_is_created_only_when_asked()
    {
        Deploy("--create-namespace").Should().Be(ExitCodes.Success, Host.Output);

        Single("helm upgrade").Arguments.Should().ContainInConsecutiveOrder("--namespace", "admin-site", "--create-namespace");
    }

    [Test]
    public void A_failed_helm_test_rolls_back_to_the_previous_good_revision_and_fails()
    {
        Answers["helm test"] = _ => new ToolResult(1, "", "Error: pod admin-site-test failed: HTTP 503");
        Answers["helm history"] = _ => Ok("""
            [{"revision":3,"status":"superseded","description":"Upgrade complete"},
             {"revision":4,"status":"failed","description":"Upgrade failed"},
             {"revision":5,"status":"deployed","description":"Upgrade complete"}]
            """);

        Deploy().Should().Be(ExitCodes.TargetFailed);

        Single("helm rollback").Arguments.Should().Equal(
            "rollback", "admin-site", "3", Wait, "--timeout", "5m", "--history-max", "10", "--namespace", "admin-site", "--kube-context", "prod");
        Host.Output.Should().Contain("helm test failed for revision 5; rolled back to revision 3.");
        Host.Output.Should().Contain("HTTP 503");
    }

    [Test]
    public void A_failed_helm_test_on_the_first_install_removes_the_release()
    {
        Answers["helm test"] = _ => new ToolResult(1, "", "Error: timed out");
        Answers["helm history"] = _ => Ok("""[{"revision":1,"status":"deployed","description":"Install complete"}]""");

        Deploy().Should().Be(ExitCodes.TargetFailed);

        Commands("helm rollback").Should().BeEmpty();
        Single("helm uninstall").Arguments.Should().Equal(
            "uninstall", "admin-site", Wait, "--timeout", "5m", "--namespace", "admin-site", "--kube-context", "prod");
        Host.Output.Should().Contain("helm test failed on the first install; the release was removed.");
    }

    [Test]
    public void Deploy_of_an_explicit_digest()
    {
        var other = "sha256:" + new string('b', 64);

        Deploy("--image-digest", other, "--registry", "localhost:5000").Should().Be(ExitCodes.Success, Host.Output);

        var values = JsonNode.Parse(File.ReadAllText(ValuesFile))!;
        values["image"]!["repository"]!.GetValue<string>().Should().Be("localhost:5000/admin-site");
        values["image"]!["digest"]!.GetValue<string>().Should().Be(other);
        values["image"]!["version"]!.GetValue<string>().Should().BeEmpty("nothing says which version that digest is; the chart's appVersion labels it");
    }

    [Test]
    public void An_explicit_digest_takes_its_version_from_image_version()
    {
        Deploy("--image-digest", "sha256:" + new string('b', 64), "--registry", "localhost:5000", "--image-version", "2.0.1").Should().Be(ExitCodes.Success, Host.Output);

        JsonNode.Parse(File.ReadAllText(ValuesFile))!["image"]!["version"]!.GetValue<string>().Should().Be("2.0.1");
    }

    [TestCase("v2.0.1")]
    [TestCase("2.0")]
    [TestCase("2.0.1,service.type=NodePort")]
    public void An_image_version_that_is_not_SemVer_fails_before_anything_runs(string version)
    {
        Deploy("--image-version", version).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--image-version '{version}' must be a SemVer version such as 1.2.0 or 1.2.1-alpha.0.3");
        NoProcessStarted();
    }

    [Test]
    public void A_tampered_image_record_fails_before_helm_runs()
    {
        File.WriteAllText(Host.Root / "artifacts" / "image.json", """{"registry":"r","repository":"admin-site","tag":"t","digest":"sha256:bad"}""");

        Deploy().Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("holds digest 'sha256:bad'");
        Commands("helm").Should().BeEmpty();
    }

    [Test]
    public void An_image_record_with_an_injected_registry_fails_before_helm_runs()
    {
        File.WriteAllText(Host.Root / "artifacts" / "image.json",
            $$"""{"registry":"reg,service.type=NodePort","repository":"admin-site","tag":"t","digest":"{{Digest}}"}""");

        Deploy().Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("holds 'reg,service.type=NodePort/admin-site', which is not a registry and repository: ',' is not allowed in a host name.");
        Commands("helm").Should().BeEmpty();
    }

    [Test]
    public void A_missing_image_record_says_to_push_first()
    {
        File.Delete(Host.Root / "artifacts" / "image.json");

        Deploy().Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("run Push first, or pass --image-digest");
    }

    [Test]
    public void Missing_helm_is_reported_before_anything_runs()
    {
        File.Delete(ToolsDirectory / "helm");

        Deploy().Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Deploy' requires: helm on PATH or --helm-path");
        Host.Output.Should().Contain("or ./build.sh Prerequisites, which installs the pinned Helm 4)").And.NotContain(".ci/");
    }

    [Test]
    public void Missing_kube_context_is_reported_before_anything_runs()
    {
        Host.WithEnvironment("KUBECONFIG", Host.Root / "no-such-kubeconfig");

        Run("Deploy", "--skip", "--branch", "develop").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Deploy' requires: --kube-context, or a current-context in the kubeconfig");
    }

    [Test]
    public void The_kubeconfigs_current_context_is_enough()
    {
        File.WriteAllText(Host.Root / "kubeconfig", "apiVersion: v1\ncurrent-context: arn:aws:eks:eu-west-1:123456789012:cluster/prod\n");
        Host.WithEnvironment("KUBECONFIG", Host.Root / "kubeconfig");

        Run("Deploy", "--skip", "--branch", "develop").Should().Be(ExitCodes.Success);

        Single("helm upgrade").Arguments.Should().NotContain("--kube-context");
    }
}

/// <summary>Deploy speaks Helm 4 and Helm 3 and refuses any other helm before it touches the cluster.</summary>
public class DeployHelmVersionTests : RealBuildFixture
{
    [SetUp]
    public void HelmAndImage()
    {
        InstallFakeTool("helm");
        new ImageRecord("localhost:5000", "admin-site", "t", Digest).Write(Host.Root / "artifacts" / "image.json");
        Directory.CreateDirectory(Host.Root / "chart");
        File.WriteAllText(Host.Root / "chart" / "Chart.yaml", "apiVersion: v2\nname: admin-site\nversion: 1.0.0\n");
    }

    [TestCase("v5.0.0", "is helm v5.0.0; the build speaks Helm 4 and Helm 3")]
    [TestCase("v2.17.0", "is helm v2.17.0; the build speaks Helm 4 and Helm 3")]
    [TestCase("<no value>", "reports version '<no value>', which is not a helm version")]
    public void Another_helm_is_refused_before_any_release_command(string version, string message)
    {
        Answers["helm version"] = _ => Ok(version + "\n");

        Run("Deploy", "--skip", "--branch", "develop", "--kube-context", "prod").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain(message);
        Commands("helm").Select(command => command.Arguments[0]).Should().Equal("version");
    }
}

using BuildEngine;
using Tools;

namespace BuildTests;

public class DeployTargetTests : RealBuildFixture
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    [SetUp]
    public void HelmAndImage()
    {
        InstallFakeTool("helm");
        new ImageRecord(Registry, "admin-site", "0123456789ab-7", Digest).Write(Host.Root / "artifacts" / "image.json");
        Directory.CreateDirectory(Host.Root / "chart");
        File.WriteAllText(Host.Root / "chart" / "Chart.yaml", "apiVersion: v2\nname: admin-site\nversion: 1.0.0\n");
    }

    private int Deploy(params string[] extra) =>
        Run(["Deploy", "--skip", "--branch", "develop", "--kube-context", "prod", .. extra]);

    [Test]
    public void Deploy_upgrades_atomically_by_digest_then_runs_helm_test()
    {
        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Single("helm upgrade").Arguments.Should().Equal(
            "upgrade", "--install", "admin-site", Host.Root / "chart",
            "--namespace", "admin-site", "--create-namespace",
            "--atomic", "--wait", "--timeout", "5m", "--history-max", "10",
            "--kube-context", "prod",
            "--description", DeployStamp.Of(Sha, Host.Root / "chart", [], $"{Registry}/admin-site").ToString(),
            "--set-string", $"image.repository={Registry}/admin-site",
            "--set-string", $"image.digest={Digest}");
        Single("helm test").Arguments.Should().Equal(
            "test", "admin-site", "--logs", "--timeout", "5m", "--namespace", "admin-site", "--kube-context", "prod");
        Commands("helm rollback").Should().BeEmpty();
        Single("helm upgrade").Executable.Should().Be(ToolsDirectory / "helm");
    }

    [Test]
    public void Parameters_change_release_namespace_timeout_and_values_files()
    {
        File.WriteAllText(Host.Root / "prod.yaml", "replicaCount: 1\n");

        Deploy("--release", "admin", "--namespace", "ops", "--deploy-timeout", "10m", "--values-files", "prod.yaml").Should().Be(ExitCodes.Success);

        var arguments = Single("helm upgrade").Arguments;
        arguments.Should().ContainInConsecutiveOrder("upgrade", "--install", "admin");
        arguments.Should().ContainInConsecutiveOrder("--namespace", "ops");
        arguments.Should().ContainInConsecutiveOrder("--timeout", "10m");
        arguments.Should().ContainInConsecutiveOrder("--values", Host.Root / "prod.yaml");
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
            "rollback", "admin-site", "3", "--wait", "--timeout", "5m", "--namespace", "admin-site", "--kube-context", "prod");
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
        Single("helm uninstall").Arguments.Should().Equal("uninstall", "admin-site", "--wait", "--namespace", "admin-site", "--kube-context", "prod");
        Host.Output.Should().Contain("helm test failed on the first install; the release was removed.");
    }

    [Test]
    public void Deploy_of_an_explicit_digest()
    {
        var other = "sha256:" + new string('b', 64);

        Deploy("--image-digest", other, "--registry", "localhost:5000").Should().Be(ExitCodes.Success);

        Single("helm upgrade").Arguments.Should().Contain([$"image.repository=localhost:5000/admin-site", $"image.digest={other}"]);
    }

    [TestCase("sha256:abc")]
    [TestCase("sha256:4F53CDA18C2BAA0C0354BB5F9A3ECBE5ED12AB4D8E11BA873C2F11161202B945")]
    [TestCase("4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945")]
    public void A_malformed_digest_fails_before_helm_runs(string digest)
    {
        Deploy("--image-digest", digest, "--registry", "localhost:5000").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("is not sha256: followed by 64 lowercase hex digits");
        Commands("helm").Should().BeEmpty();
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
    }

    [Test]
    public void Missing_helm_points_to_what_installs_it()
    {
        File.Delete(ToolsDirectory / "helm");

        Deploy().Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("or ./build.sh Prerequisites)").And.NotContain(".ci/");
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

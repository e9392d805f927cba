using BuildEngine;
using Tools;

namespace BuildTests;

/// <summary>
/// No pointless rollouts: Deploy stamps the revision it rolls out with the commit and a fingerprint of the chart and
/// values (helm --description), and skips when the deployed revision carries the stamp it would write.
/// </summary>
public class DeployRolloutTests : RealBuildFixture
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private const string SkipReason = "OnlyWhen: Redeploy || !ReleaseAlreadyRunsThisCommit()";

    private AbsolutePath Chart => Host.Root / "chart";

    [SetUp]
    public void ChartHelmAndImage()
    {
        InstallFakeTool("helm");
        Answers["helm version"] = _ => Ok("v3.17.3\n");
        new ImageRecord(Registry, "admin-site", "0123456789ab-8", Digest).Write(Host.Root / "artifacts" / "image.json");
        Directory.CreateDirectory(Chart);
        File.WriteAllText(Chart / "Chart.yaml", "apiVersion: v2\nname: admin-site\nversion: 1.0.0\n");
        File.WriteAllText(Host.Root / "prod.yaml", "replicaCount: 1\n");
    }

    private int Deploy(params string[] extra) =>
        Run(["Deploy", "--skip", "--branch", "develop", "--kube-context", "prod", "--values-files", "prod.yaml", .. extra]);

    private string StampOf(string commit) => DeployStamp.Of(commit, Chart, [Host.Root / "prod.yaml"], $"{Registry}/admin-site").ToString();

    private void Deployed(string description) =>
        Answers["helm history"] = _ => Ok($$"""
            [{"revision":6,"status":"superseded","description":"Upgrade complete"},
             {"revision":7,"status":"deployed","description":"{{description}}"}]
            """);

    [Test]
    public void The_daily_build_of_a_commit_already_deployed_rolls_nothing_out_and_says_why()
    {
        Deployed(StampOf(Sha));

        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Commands("helm upgrade").Should().BeEmpty();
        Commands("helm test").Should().BeEmpty();
        Host.Output.Should().MatchRegex(@"Deploy\s+│\s+Skipped\s+│\s+│\s+" + System.Text.RegularExpressions.Regex.Escape(SkipReason));
        Host.Output.Should().Contain("Release admin-site in admin-site already runs commit 0123456789ab with the same chart and values (revision 7): no rollout.");
        Single("helm history").Arguments.Should().Equal("history", "admin-site", "--output", "json", "--max", "20", "--namespace", "admin-site", "--kube-context", "prod");
    }

    [Test]
    public void Another_commit_on_the_deployed_revision_rolls_out_with_this_commits_stamp()
    {
        Deployed(StampOf("fedcba9876543210fedcba9876543210fedcba98"));

        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Single("helm upgrade").Arguments.Should().ContainInConsecutiveOrder("--description", StampOf(Sha));
    }

    [Test]
    public void A_changed_values_file_rolls_out_even_for_the_same_commit()
    {
        Deployed(StampOf(Sha));
        File.WriteAllText(Host.Root / "prod.yaml", "replicaCount: 3\n");

        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Commands("helm upgrade").Should().ContainSingle();
    }

    [Test]
    public void A_changed_chart_rolls_out_even_for_the_same_commit()
    {
        Deployed(StampOf(Sha));
        Directory.CreateDirectory(Chart / "templates");
        File.WriteAllText(Chart / "templates" / "configmap.yaml", "kind: ConfigMap\n");

        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Commands("helm upgrade").Should().ContainSingle();
    }

    [Test]
    public void Redeploy_rolls_out_what_is_already_deployed()
    {
        Deployed(StampOf(Sha));

        Deploy("--redeploy").Should().Be(ExitCodes.Success, Host.Output);

        Commands("helm upgrade").Should().ContainSingle();
    }

    [TestCase("Rollback to 6")]
    [TestCase("Upgrade complete")]
    public void A_deployed_revision_without_a_stamp_rolls_out(string description)
    {
        Deployed(description);

        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Commands("helm upgrade").Should().ContainSingle();
    }

    [Test]
    public void A_first_install_rolls_out()
    {
        Answers["helm history"] = _ => new ToolResult(1, "", "Error: release: not found");

        Deploy().Should().Be(ExitCodes.Success, Host.Output);

        Commands("helm upgrade").Should().ContainSingle();
    }

    [Test]
    public void A_kubeconfig_parameter_goes_to_every_helm_command()
    {
        File.WriteAllText(Host.Root / "kubeconfig", "apiVersion: v1\ncurrent-context: ci\n");
        Host.WithEnvironment("KUBE_CONFIG", Host.Root / "kubeconfig");

        Run("Deploy", "--skip", "--branch", "develop").Should().Be(ExitCodes.Success, Host.Output);

        foreach (var command in new[] { "helm history", "helm upgrade", "helm test" })
            Single(command).Arguments.Should().ContainInConsecutiveOrder("--kubeconfig", Host.Root / "kubeconfig");
    }
}

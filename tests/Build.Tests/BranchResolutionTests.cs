using BuildEngine;

namespace BuildTests;

/// <summary>The real build's branch: --branch, then Jenkins' BRANCH_NAME, then git; CHANGE_ID marks pull requests.</summary>
public class BranchResolutionTests : RealBuildFixture
{
    private void CheckOut(string branch)
    {
        Directory.CreateDirectory(Host.Root / ".git");
        File.WriteAllText(Host.Root / ".git" / "HEAD", $"ref: refs/heads/{branch}\n");
    }

    private BuildBranch BranchOf(params string[] args)
    {
        var build = NewBuild();
        Host.RunWithDefaults(build, ["Test"], [.. args, "--plan"]).Should().Be(ExitCodes.Success);
        return build.BranchInfo;
    }

    [Test]
    public void Git_is_the_fallback()
    {
        CheckOut("feature/x");

        BranchOf().Should().Be(new BuildBranch("feature/x", null));
    }

    [Test]
    public void Jenkins_branch_name_beats_git()
    {
        CheckOut("feature/x");
        Host.WithEnvironment("BRANCH_NAME", "develop");

        BranchOf().Name.Should().Be("develop");
    }

    [Test]
    public void The_command_line_beats_jenkins()
    {
        Host.WithEnvironment("BRANCH_NAME", "develop");

        BranchOf("--branch", "origin/release/2").Name.Should().Be("release/2");
    }

    [Test]
    public void A_detached_head_without_jenkins_is_unknown()
    {
        Directory.CreateDirectory(Host.Root / ".git");
        File.WriteAllText(Host.Root / ".git" / "HEAD", "0123456789abcdef0123456789abcdef01234567\n");

        BranchOf().Name.Should().BeNull();
    }

    [Test]
    public void Jenkins_pull_request_builds_never_publish()
    {
        Host.WithEnvironment("BRANCH_NAME", "PR-12").WithEnvironment("CHANGE_ID", "12").WithEnvironment("CHANGE_TARGET", "develop");

        Run("Deploy", "--plan").Should().Be(ExitCodes.Success);

        Host.Output.Should().Contain("skip // pull-request build (CHANGE_ID=12); runs on develop only");
    }

    [Test]
    public void The_deploy_branch_comes_from_the_parameters_file()
    {
        Host.WithParametersFile("""{ "DeployBranch": "main" }""");

        Run("Deploy", "--plan", "--branch", "develop").Should().Be(ExitCodes.Success);

        Host.Output.Should().Contain("skip // branch 'develop' is not main");
    }
}

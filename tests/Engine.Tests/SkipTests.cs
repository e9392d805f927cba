using BuildEngine;

namespace EngineTests;

/// <summary>Every case of the one skip model that --help documents.</summary>
public class SkipTests : BuildHostFixture
{
    [Test]
    public void Bare_skip_skips_every_target_not_named()
    {
        var build = new SampleBuild();

        Host.Run(build, "Publish", "--skip").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Publish");
        build.Plan!["Test"]!.Reason.Should().Be("--skip");
    }

    [Test]
    public void Named_skip_skips_exactly_those_and_their_dependencies_still_run()
    {
        var build = new SampleBuild();

        Host.Run(build, "Test", "--skip", "Compile").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Test");
        build.Plan!["Compile"]!.Status.Should().Be(TargetStatus.Skipped);
    }

    [Test]
    public void An_invoked_target_is_never_skipped_by_skip()
    {
        var build = new SampleBuild();

        Host.Run(build, "Compile", "--skip", "Compile", "Restore").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Compile");
    }

    [Test]
    public void Skip_with_an_unknown_name_is_an_error_with_a_suggestion()
    {
        var build = new SampleBuild();

        Host.Run(build, "Test", "--skip", "Compil").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Did you mean 'Compile'?");
        build.Ran.Should().BeEmpty();
    }

    [Test]
    public void Skip_from_the_NUKE_SKIP_variable_only()
    {
        var build = new SampleBuild();
        Host.WithEnvironment("SKIP", "Restore").WithEnvironment("NUKE_SKIP", "Compile");

        Host.Run(build, "Test").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Test");
    }

    [Test]
    public void A_false_static_condition_skips_with_its_source_text_as_the_reason()
    {
        var build = new SampleBuild { CompileWanted = false };

        Host.Run(build, "Test").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Test");
        build.Plan!["Compile"]!.Reason.Should().Be("OnlyWhen: CompileWanted");
        Host.Output.Should().Contain("OnlyWhen: CompileWanted");
    }

    [Test]
    public void A_false_dynamic_condition_skips_just_before_running()
    {
        var build = new SampleBuild { TestWanted = false };

        Host.Run(build, "Publish").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Compile", "Publish");
        build.Plan!["Test"]!.Reason.Should().Be("OnlyWhen: TestWanted");
    }

    [TestCase("develop", true)]
    [TestCase("feature/x", false)]
    [TestCase("origin/develop", true)]
    [TestCase("refs/heads/develop", true)]
    [TestCase("develop-old", false)]
    public void Branch_conditions_run_only_on_matching_branches(string branch, bool runs)
    {
        var build = new SampleBuild { GitBranch = branch };

        Host.Run(build, "Publish").Should().Be(ExitCodes.Success);

        build.Ran.Contains("Publish").Should().Be(runs);
        if (!runs)
            build.Plan!["Publish"]!.Reason.Should().Be($"branch '{branch}' is not develop");
    }

    [Test]
    public void Pull_request_builds_never_run_branch_limited_targets_even_on_the_deploy_branch()
    {
        var build = new SampleBuild { GitBranch = "develop", PullRequest = "42" };

        Host.Run(build, "Publish").Should().Be(ExitCodes.Success);

        build.Ran.Should().NotContain("Publish");
        build.Plan!["Publish"]!.Reason.Should().StartWith("pull-request build (CHANGE_ID=42)");
    }

    [Test]
    public void An_unknown_branch_skips_branch_limited_targets_and_says_how_to_fix_it()
    {
        var build = new SampleBuild { GitBranch = "HEAD" };

        Host.Run(build, "Publish").Should().Be(ExitCodes.Success);

        build.Plan!["Publish"]!.Reason.Should().Contain("branch unknown (pass --branch)");
    }

    [Test]
    public void Skip_wins_over_conditions_as_the_reason()
    {
        var build = new SampleBuild { CompileWanted = false };

        Host.Run(build, "Test", "--skip", "Compile").Should().Be(ExitCodes.Success);

        build.Plan!["Compile"]!.Reason.Should().Be("--skip");
    }
}

using BuildEngine;

namespace EngineTests;

/// <summary>--continue, NUKE's meaning: a re-run of the same command line skips what succeeded in the last one.</summary>
public class ContinueTests : BuildHostFixture
{
    private const string Reason = "succeeded in the previous attempt (--continue)";

    private SampleBuild FailAtTest(params string[] args)
    {
        var failed = new SampleBuild { FailTest = true };
        Host.Run(failed, args).Should().Be(ExitCodes.TargetFailed, Host.Output);
        failed.Ran.Should().Equal("Restore", "Compile", "Test");
        return failed;
    }

    [Test]
    public void Continue_skips_the_targets_that_succeeded_in_the_last_run_of_the_same_command_line()
    {
        FailAtTest("Publish");
        var resumed = new SampleBuild();

        Host.Run(resumed, "Publish", "--continue").Should().Be(ExitCodes.Success, Host.Output);

        resumed.Ran.Should().Equal("Test", "Publish");
        resumed.Plan!["Restore"]!.Status.Should().Be(TargetStatus.Skipped);
        resumed.Plan!["Compile"]!.Reason.Should().Be(Reason);
        Host.Output.Should().MatchRegex(@"Restore\s+│\s+Skipped\s+│\s+│\s+succeeded in the previous attempt \(--continue\)");
    }

    [Test]
    public void A_second_failure_keeps_what_the_first_attempt_finished()
    {
        FailAtTest("Publish");
        Host.Run(new SampleBuild { FailTest = true }, "Publish", "--continue").Should().Be(ExitCodes.TargetFailed);
        var resumed = new SampleBuild();

        Host.Run(resumed, "Publish", "--continue").Should().Be(ExitCodes.Success, Host.Output);

        resumed.Ran.Should().Equal("Test", "Publish");
    }

    [Test]
    public void Another_command_line_starts_from_scratch_and_says_so()
    {
        FailAtTest("Publish");
        var other = new SampleBuild();

        Host.Run(other, "Publish", "Report", "--continue").Should().Be(ExitCodes.Success, Host.Output);

        other.Ran.Should().Equal("Restore", "Compile", "Test", "Publish", "Report");
        Host.Output.Should().Contain("--continue: the last run had another command line (or there was none), so every target runs.");
    }

    [Test]
    public void Without_continue_everything_runs_and_the_record_starts_over()
    {
        FailAtTest("Publish");
        Host.Run(new SampleBuild(), "Publish").Should().Be(ExitCodes.Success);
        FailAtTest("Publish");
        var resumed = new SampleBuild();

        Host.Run(resumed, "Publish", "--continue").Should().Be(ExitCodes.Success);

        resumed.Ran.Should().Equal("Test", "Publish");
    }

    [Test]
    public void The_continue_option_may_come_from_NUKE_CONTINUE()
    {
        FailAtTest("Publish");
        Host.WithEnvironment("NUKE_CONTINUE", "true");
        var resumed = new SampleBuild();

        Host.Run(resumed, "Publish").Should().Be(ExitCodes.Success);

        resumed.Ran.Should().Equal("Test", "Publish");
    }

    [Test]
    public void Plan_shows_what_continue_would_skip_and_keeps_the_record()
    {
        FailAtTest("Publish");

        Host.Run(new SampleBuild(), "Publish", "--continue", "--plan").Should().Be(ExitCodes.Success);

        Host.Output.Should().Contain("skip // " + Reason);
        var resumed = new SampleBuild();
        Host.Run(resumed, "Publish", "--continue").Should().Be(ExitCodes.Success);
        resumed.Ran.Should().Equal("Test", "Publish");
    }

    [Test]
    public void Help_explains_continue()
    {
        Host.Run(new SampleBuild(), "--help").Should().Be(ExitCodes.Success);

        Host.Output.Should().Contain("--continue").And.Contain("Resume the last run of the same command line");
    }
}

using BuildEngine;

namespace EngineTests;

public class RunnerTests : BuildHostFixture
{
    [Test]
    public void A_failure_stops_the_build_marks_the_rest_not_run_and_exits_1()
    {
        var build = new SampleBuild { FailTest = true };

        Host.Run(build, "Publish", "Report").Should().Be(ExitCodes.TargetFailed);

        build.Ran.Should().Equal("Restore", "Compile", "Test");
        build.Plan!["Test"]!.Status.Should().Be(TargetStatus.Failed);
        build.Plan!["Test"]!.Reason.Should().Be("2 tests failed");
        build.Plan!["Publish"]!.Status.Should().Be(TargetStatus.NotRun);
        build.Plan!["Report"]!.Status.Should().Be(TargetStatus.NotRun);
        Host.Output.Should().Contain("Build failed.");
    }

    [Test]
    public void Proceed_after_failure_runs_independent_targets_but_never_dependents()
    {
        var build = new ProceedBuild();

        Host.Run(build, "Dependent", "Independent").Should().Be(ExitCodes.TargetFailed);

        build.Ran.Should().Equal("Flaky", "Independent");
        build.Plan!["Dependent"]!.Status.Should().Be(TargetStatus.NotRun);
        build.Plan!["Dependent"]!.Reason.Should().Be("needs Flaky, which failed");
    }

    [Test]
    public void Unexpected_exceptions_fail_the_target_with_their_message()
    {
        var build = new ProceedBuild();

        Host.Run(build, "Flaky").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("Flaky failed: disk full");
        Host.Output.Should().Contain("InvalidOperationException");
    }

    [Test]
    public void Summary_lists_every_planned_target_with_status_and_reason()
    {
        var build = new SampleBuild { GitBranch = "feature/x", CompileWanted = false };

        Host.Run(build, "Publish").Should().Be(ExitCodes.Success);

        Host.Output.Should().MatchRegex(@"Restore\s+│\s+Succeeded\s+│\s+[\d.]+ s");
        Host.Output.Should().MatchRegex(@"Compile\s+│\s+Skipped\s+│\s+│\s+OnlyWhen: CompileWanted");
        Host.Output.Should().MatchRegex(@"Publish\s+│\s+Skipped\s+│\s+│\s+branch 'feature/x' is not develop");
        Host.Output.Should().Contain("Build succeeded");
    }

    [Test]
    public void What_a_target_reports_appears_in_its_summary_row_after_any_reason()
    {
        var build = new ReportingBuild();

        Host.Run(build, "Stamp").Should().Be(ExitCodes.Success);

        build.Plan!["Stamp"]!.Summary.Select(pair => $"{pair.Key}={pair.Value}").Should().Equal("Version=1.2.3", "Image=site:abc");
        Host.Output.Should().MatchRegex(@"Stamp\s+│\s+Succeeded\s+│\s+[\d.]+ s\s+│\s+Version: 1\.2\.3; Image: site:abc");
        var outside = () => build.ReportSummary("Version", "4.5.6");
        outside.Should().Throw<InvalidOperationException>().WithMessage("*outside a target*");
    }

    [Test]
    public void Missing_required_member_stops_before_anything_runs()
    {
        var build = new SampleBuild();

        Host.Run(build, "Deploy").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Deploy' requires --environment (or ENVIRONMENT, or parameters.json's Environment)");
        build.Ran.Should().BeEmpty();
    }

    [Test]
    public void Requirements_of_skipped_targets_are_not_checked()
    {
        var build = new SampleBuild { GitBranch = "feature/x" };

        Host.Run(build, "Deploy").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Compile", "Test");
    }

    [Test]
    public void Plan_reports_unmet_requirements_and_exits_2_as_the_real_run_would()
    {
        Host.Run(new SampleBuild(), "Deploy", "--plan").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("A real run would stop before starting: Target 'Deploy' requires --environment");
    }

    [Test]
    public void A_member_that_is_no_parameter_is_named_by_its_name()
    {
        Host.Run(new ProceedBuild(), "Unnamed").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Unnamed' requires member 'Missing' to be not null or empty");
    }

    [Test]
    public void A_secret_is_not_offered_from_the_parameters_file()
    {
        Host.Run(new ProceedBuild(), "Signed").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Signed' requires --signing-key (or SIGNING_KEY, or --signing-key-file <path>, or SIGNING_KEY_FILE)").And.NotContain("parameters.json's SigningKey");
    }

    [Test]
    public void Satisfied_requirements_let_the_target_run()
    {
        var build = new SampleBuild();

        Host.Run(build, "Deploy", "--environment", "staging").Should().Be(ExitCodes.Success);

        build.Ran.Should().EndWith("Deploy");
    }

    [Test]
    public void Condition_requirements_report_their_text()
    {
        Host.Run(new ProceedBuild(), "Guarded").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Guarded' requires: a tool on PATH");
    }

    private sealed class ReportingBuild : NukeBuild
    {
        public Target Stamp => _ => _.Executes(() =>
        {
            ReportSummary("Version", "1.2.3");
            ReportSummary("Image", "site:abc");
        });
    }

    private sealed class ProceedBuild : NukeBuild
    {
        public List<string> Ran { get; } = [];

        public Target Flaky => _ => _.ProceedAfterFailure().Executes(() =>
        {
            Ran.Add(nameof(Flaky));
            throw new InvalidOperationException("disk full");
        });

        public Target Dependent => _ => _.DependsOn(Flaky).Executes(() => Ran.Add(nameof(Dependent)));
        public Target Independent => _ => _.After(Flaky).Executes(() => Ran.Add(nameof(Independent)));
        public Target Guarded => _ => _.Requires(() => false, "a tool on PATH").Executes(() => Ran.Add(nameof(Guarded)));

        public string? Missing { get; set; }

        [Parameter("Key the release is signed with"), Secret]
        public string? SigningKey;

        public Target Unnamed => _ => _.Requires(() => Missing).Executes(() => Ran.Add(nameof(Unnamed)));
        public Target Signed => _ => _.Requires(() => SigningKey).Executes(() => Ran.Add(nameof(Signed)));
    }
}

public class CancellationTests : BuildHostFixture
{
    [Test]
    public async Task Cancelling_aborts_the_running_target_and_runs_nothing_after_it()
    {
        var build = new SlowBuild();
        using var cancellation = new CancellationTokenSource();

        var run = Host.RunAsync(build, [], ["After"], cancellation.Token);
        await build.Started.Task;
        await cancellation.CancelAsync();

        (await run).Should().Be(ExitCodes.Cancelled);
        build.Plan!["Slow"]!.Status.Should().Be(TargetStatus.Aborted);
        build.Plan!["After"]!.Status.Should().Be(TargetStatus.NotRun);
        Host.Output.Should().Contain("Build cancelled.");
    }

    [Test]
    public async Task A_cancelled_run_leaves_no_cancelled_token_behind()
    {
        var build = new SlowBuild();
        using var cancellation = new CancellationTokenSource();

        var run = Host.RunAsync(build, [], ["Slow"], cancellation.Token);
        await build.Started.Task;
        await cancellation.CancelAsync();
        await run;

        BuildCancellation.Token.IsCancellationRequested.Should().BeFalse("tools started after the run must not be cancelled by it");
    }

    private sealed class SlowBuild : NukeBuild
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Target Slow => _ => _.Executes(async () =>
        {
            Started.SetResult();
            await Task.Delay(Timeout.Infinite, BuildCancellation.Token);
        });

        public Target After => _ => _.DependsOn(Slow).Executes(() => { });
    }
}

using BuildEngine;

namespace EngineTests;

public class PlannerTests : BuildHostFixture
{
    [Test]
    public void Dependencies_run_first_in_dependency_order()
    {
        var build = new SampleBuild();

        Host.Run(build, "Test").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Compile", "Test");
    }

    [Test]
    public void Default_targets_run_when_none_is_named()
    {
        var build = new SampleBuild();

        Host.RunWithDefaults(build, ["Compile"]).Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Compile");
    }

    [Test]
    public void Before_and_after_order_planned_targets_but_plan_nothing()
    {
        var build = new SampleBuild();

        Host.Run(build, "Report", "Clean", "Test").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Clean", "Restore", "Compile", "Test", "Report");
        var alone = new SampleBuild();
        Host.Run(alone, "Report").Should().Be(ExitCodes.Success);
        alone.Ran.Should().Equal("Report");
    }

    [Test]
    public void Triggers_plan_the_triggered_target_after_the_trigger()
    {
        var build = new TriggerBuild();

        Host.Run(build, "First").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("First", "Second");
    }

    [Test]
    public void Targets_match_case_insensitively_with_dashes_ignored()
    {
        var build = new SampleBuild();

        Host.Run(build, "co-MPILE").Should().Be(ExitCodes.Success);

        build.Ran.Should().Equal("Restore", "Compile");
    }

    [Test]
    public void Cycles_are_reported_with_their_members_and_nothing_runs()
    {
        var build = new CycleBuild();

        Host.Run(build, "Alpha").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Circular dependencies between targets: Alpha, Beta, Gamma");
        Host.Output.Should().Contain("Circular dependencies between targets: Self");
        build.Ran.Should().BeEmpty();
    }

    [Test]
    public void Unknown_target_suggests_the_closest_name_and_exits_2()
    {
        Host.Run(new SampleBuild(), "Tset").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Unknown target 'Tset'. Did you mean 'Test'?");
    }

    [Test]
    public void Unlisted_targets_run_by_name_but_stay_out_of_help()
    {
        var build = new SampleBuild();

        Host.Run(build, "Notify").Should().Be(ExitCodes.Success);
        build.Ran.Should().Equal("Notify");

        Host.Run(new SampleBuild(), "--help").Should().Be(ExitCodes.Success);
        Host.Output.Should().NotContain("Notify");
    }

    [Test]
    public void Plan_prints_the_order_and_runs_nothing()
    {
        var build = new SampleBuild { GitBranch = "feature/x" };

        Host.Run(build, "Deploy", "--plan").Should().Be(ExitCodes.Success);

        build.Ran.Should().BeEmpty();
        var lines = Host.Output.Split('\n');
        lines.Should().ContainInOrder(
            lines.First(line => line.Contains(" Restore ", StringComparison.Ordinal)),
            lines.First(line => line.Contains(" Compile ", StringComparison.Ordinal)),
            lines.First(line => line.Contains(" Test ", StringComparison.Ordinal)),
            lines.First(line => line.Contains("Publish ", StringComparison.Ordinal) && line.Contains("skip // branch 'feature/x' is not develop", StringComparison.Ordinal)),
            lines.First(line => line.Contains("Deploy ", StringComparison.Ordinal) && line.Contains("skip // branch 'feature/x' is not develop", StringComparison.Ordinal)));
    }

    private sealed class TriggerBuild : NukeBuild
    {
        public List<string> Ran { get; } = [];
        public Target Second => _ => _.Executes(() => Ran.Add(nameof(Second)));
        public Target First => _ => _.Triggers(Second).Executes(() => Ran.Add(nameof(First)));
    }

    private sealed class CycleBuild : NukeBuild
    {
        public List<string> Ran { get; } = [];
        public Target Alpha => _ => _.DependsOn(Gamma).Executes(() => Ran.Add(nameof(Alpha)));
        public Target Beta => _ => _.DependsOn(Alpha).Executes(() => Ran.Add(nameof(Beta)));
        public Target Gamma => _ => _.After(Beta).Executes(() => Ran.Add(nameof(Gamma)));
        public Target Self => _ => _.Before(Self).Executes(() => Ran.Add(nameof(Self)));
    }
}

using BuildEngine;
using Tools;

namespace BuildTests.Tools;

public class ProcessRunnerTests : BuildHostFixture
{
    [Test]
    public async Task The_real_runner_captures_output_and_reports_failures_with_the_command()
    {
        var runner = new ProcessRunner();

        var ok = await runner.RunAsync(new ToolCommand("sh", ["-c", "echo out; echo err >&2"]) { Quiet = true });
        ok.StandardOutput.Should().Be("out\n");
        ok.StandardError.Should().Be("err\n");

        var fail = () => runner.RunAsync(new ToolCommand("sh", ["-c", "echo broken >&2; exit 3"]) { Quiet = true });
        (await fail.Should().ThrowAsync<BuildFailedException>()).WithMessage("'sh -c 'echo broken >&2; exit 3'' exited with code 3.*broken*");

        var missing = () => runner.RunAsync(new ToolCommand("no-such-tool-xyz", []) { MissingHint = "Install it with apt." });
        (await missing.Should().ThrowAsync<BuildFailedException>()).WithMessage("Could not start 'no-such-tool-xyz'*Install it with apt.");
    }

    [Test]
    public async Task Standard_input_reaches_the_process()
    {
        var result = await new ProcessRunner().RunAsync(new ToolCommand("cat", []) { StandardInput = "from stdin", Quiet = true });

        result.StandardOutput.Should().Be("from stdin\n");
    }

    [Test]
    public async Task Cancelling_the_build_stops_the_running_tool()
    {
        using var cancellation = new CancellationTokenSource();
        var build = new ToolBuild();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var run = Host.RunAsync(build, [], ["Sleep"], cancellation.Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(500));

        (await run).Should().Be(ExitCodes.Cancelled);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the sleep 60 child is stopped, not waited for");
    }

    [Test]
    public void A_tool_that_stays_silent_is_said_to_be_still_at_work_with_its_activity_and_the_time_so_far()
    {
        var build = new ToolBuild();

        Host.Run(build, "Silent").Should().Be(ExitCodes.Success);

        System.Text.RegularExpressions.Regex.Matches(Host.Output, @"\.\.\. still waiting for the rollout \(\d s\)")
            .Should().HaveCountGreaterThanOrEqualTo(2, "a line a second while the tool is silent for 3.5 s");
    }

    [Test]
    public void A_tool_that_keeps_printing_ends_quickly_or_serves_gets_no_heartbeat()
    {
        var build = new ToolBuild();

        Host.Run(build, "Chatty", "Quick", "Server").Should().Be(ExitCodes.Success);

        Host.Output.Should().Contain("line 30").And.NotContain("still");
    }

    private sealed class ToolBuild : NukeBuild
    {
        public Target Silent => _ => _.Executes(() => new ProcessRunner { HeartbeatInterval = TimeSpan.FromSeconds(1) }
            .RunAsync(new ToolCommand("sleep", ["3.5"]) { Activity = "waiting for the rollout" }));

        // A line every 0.1 s against a 3 s heartbeat: a generous margin for a loaded machine.
        public Target Chatty => _ => _.Executes(() => new ProcessRunner { HeartbeatInterval = TimeSpan.FromSeconds(3) }
            .RunAsync(new ToolCommand("sh", ["-c", "for i in $(seq 1 40); do echo line $i; sleep 0.1; done"])));

        public Target Server => _ => _.Executes(() => new ProcessRunner { HeartbeatInterval = TimeSpan.FromSeconds(1) }
            .RunAsync(new ToolCommand("sleep", ["2.5"]) { Heartbeat = false }));

        public Target Quick => _ => _.Executes(() => new ProcessRunner().RunAsync(new ToolCommand("true", [])));

        // The target passes no token, as NUKE targets do not: the runner links to the build's cancellation itself.
        public Target Sleep => _ => _.Executes(() => new ProcessRunner().RunAsync(new ToolCommand("sleep", ["60"]) { Quiet = true }));
    }
}

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

    private sealed class ToolBuild : NukeBuild
    {
        // The target passes no token, as NUKE targets do not: the runner links to the build's cancellation itself.
        public Target Sleep => _ => _.Executes(() => new ProcessRunner().RunAsync(new ToolCommand("sleep", ["60"]) { Quiet = true }));
    }
}

using BuildEngine;
using Spectre.Console;
using Tools;

namespace BuildTests.Tools;

[NonParallelizable]
public class ToolCommandTests
{
    [TearDown]
    public void Reset() => typeof(SecretMasker).GetMethod("Clear", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, null);

    [Test]
    public void Command_lines_are_shell_quoted_and_secrets_masked()
    {
        SecretMasker.Register("t0p-s3cret");

        new ToolCommand("docker", ["run", "--env", "PASSWORD=t0p-s3cret", "it's here", "a b"]).ToString()
            .Should().Be("docker run --env PASSWORD=***** 'it'\\''s here' 'a b'");
    }

    [Test]
    public void Log_lines_are_masked_and_markup_is_escaped()
    {
        var writer = new StringWriter();
        Log.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(writer) });
        SecretMasker.Register("hunter22");

        Log.Information("[red]password hunter22[/]");

        writer.ToString().Should().Be("[red]password *****[/]\n");
    }

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
}

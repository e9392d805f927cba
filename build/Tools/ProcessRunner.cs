using System.ComponentModel;
using System.Text;
using BuildEngine;
using CliWrap;
using CliWrap.Exceptions;

namespace Tools;

/// <summary>Runs tool commands. Targets depend on this interface so tests can assert exact command lines.</summary>
public interface IProcessRunner
{
    Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellation = default);
}

/// <summary>
/// Runs commands with CliWrap: output streams line by line into the log (masked), is captured for parsing, and a
/// non-zero exit fails the target with the command line and the tail of its error output.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    /// <summary>How long a tool may stay silent before the log says it is still at work.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    public async Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellation = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, BuildCancellation.Token);
        cancellation = stop.Token;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stream = !command.Quiet && Log.Verbosity >= Verbosity.Normal;
        Log.Debug($"> {command}");
        await using var heartbeat = new Heartbeat(command.Activity ?? $"running {Path.GetFileName(command.Executable)}",
            command.Heartbeat ? HeartbeatInterval : Timeout.InfiniteTimeSpan);

        var cli = Cli.Wrap(command.Executable)
            .WithArguments(command.Arguments)
            .WithWorkingDirectory(command.WorkingDirectory ?? Directory.GetCurrentDirectory())
            .WithEnvironmentVariables(command.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => Collect(stdout, line, stream, heartbeat, isError: false)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Collect(stderr, line, stream, heartbeat, isError: true)));
        if (command.StandardInput is { } input)
            cli = cli.WithStandardInputPipe(PipeSource.FromString(input));

        CommandResult result;
        try
        {
            // A cancelled build first asks the tool to stop (SIGINT), then kills it if it does not within 10 s.
            using var forceful = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            await using var escalate = cancellation.Register(() => forceful.CancelAfter(TimeSpan.FromSeconds(10)));
            result = await cli.ExecuteAsync(forceful.Token, cancellation);
        }
        catch (Exception exception) when (exception is Win32Exception or CommandExecutionException && !cancellation.IsCancellationRequested)
        {
            throw new BuildFailedException(
                $"Could not start '{command.Executable}': {exception.Message}.{(command.MissingHint is { } hint ? " " + hint : "")}");
        }

        var toolResult = new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        if (toolResult.Succeeded || command.AllowFailure)
            return toolResult;

        if (!stream)
        {
            foreach (var line in (toolResult.StandardOutput + toolResult.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Log.ToolOutput(line, isError: true);
        }
        var tail = string.Join(Environment.NewLine, toolResult.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(5));
        throw new BuildFailedException(
            $"'{command}' exited with code {result.ExitCode}.{(tail.Length > 0 ? Environment.NewLine + SecretMasker.Mask(tail) : "")}");
    }

    private static void Collect(StringBuilder buffer, string line, bool stream, Heartbeat heartbeat, bool isError)
    {
        lock (buffer)
            buffer.AppendLine(line);
        if (!stream)
            return;
        Log.ToolOutput(line, isError);
        heartbeat.SignOfLife();
    }
}

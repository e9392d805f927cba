using System.Diagnostics;
using System.Runtime.InteropServices;
using BuildEngine;

namespace Tools;

/// <summary>
/// A server the build starts and must stop whatever happens (dockerd, a registry, a site): its output goes to a
/// log file, and disposal asks it to stop (SIGTERM), then kills it and its children if it does not.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private BackgroundProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }
    public string LogPath { get; }

    public static BackgroundProcess Start(string name, ToolCommand command, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var start = new ProcessStartInfo(command.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = command.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in command.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in command.Environment)
            start.Environment[key] = value;

        Log.Debug($"> {command} &  (log: {logPath})");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            log.Dispose();
            throw new BuildFailedException($"Could not start {name} ('{command.Executable}'): {exception.Message}. {command.MissingHint}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BackgroundProcess(name, process, log, logPath);
    }

    /// <summary>Polls until <paramref name="ready"/> holds; fails with the log's tail when the process dies or time runs out.</summary>
    public async Task WaitUntil(Func<Task<bool>> ready, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var isReady = await Readiness.Poll(ready, timeout, () =>
        {
            if (_process.HasExited)
                throw new BuildFailedException($"{Name} exited with code {_process.ExitCode} while starting.{Tail()}");
        }, cancellation);
        if (!isReady)
            throw new BuildFailedException($"{Name} was not ready after {timeout.TotalSeconds:0} s.{Tail()}");
    }

    public string Tail(int lines = 15)
    {
        _log.Flush();
        var text = File.ReadLines(LogPath).TakeLast(lines).ToList();
        return text.Count == 0 ? "" : $"{Environment.NewLine}Last lines of {LogPath}:{Environment.NewLine}{string.Join(Environment.NewLine, text)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, Sigterm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Log.Warning($"{Name} ignored SIGTERM for 20 s; killing it.");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        Log.Debug($"{Name} stopped (exit code {_process.ExitCode}).");
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(SecretMasker.Mask(line));
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

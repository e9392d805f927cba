using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using AdminSite.Testing;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// AdminSite.dll serving on a free loopback port (or running a command) as its own process: what a container runs,
/// so signals (SIGTERM from the kubelet, SIGKILL when it loses patience) and exit codes are the real ones.
/// </summary>
public sealed class SiteServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiteServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the site wrote, stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int ProcessId => _process.Id;

    /// <summary>Starts the site, or with <paramref name="args"/> a command; it is not waited for (see <see cref="WaitUntilReadyAsync"/>).</summary>
    public static SiteServer Start(IDictionary<string, string> environment, params string[] args) => Start(environment, plainLogs: true, args);

    /// <summary>
    /// The site as its image runs it: from its own folder (so its appsettings.json applies, log levels included) and
    /// logging in the format its environment picks (JSON lines outside Development), not the plain one the other tests read.
    /// </summary>
    public static SiteServer StartAsInProduction(IDictionary<string, string> environment) => Start(environment, plainLogs: false, []);

    private static SiteServer Start(IDictionary<string, string> environment, bool plainLogs, string[] args)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackSite.FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = plainLogs ? Path.GetTempPath() : Path.GetDirectoryName(SiteProcess.DllPath)!,
        };
        start.ArgumentList.Add(SiteProcess.DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        // The address is set one way only: under an image that sets these (the .NET SDK's, where CI runs the tests)
        // Kestrel would warn that URLS overrides them.
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");
        // Several sites run at once (replicas, tests side by side): each metrics listener takes a free port.
        start.Environment["Metrics__Port"] = "0";
        if (plainLogs)
        {
            // The tests read the plain format's level prefixes (warn:, crit:); production writes JSON lines.
            start.Environment["Logging__Console__FormatterName"] = "simple";
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var server = new SiteServer(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public Task WaitUntilReadyAsync() => LoopbackSite.WaitUntilReadyAsync(_process, BaseAddress, TimeSpan.FromMilliseconds(100), () => Output);

    /// <summary>What the kubelet sends a container to stop it.</summary>
    public void Terminate() => Signal(15);

    /// <summary>What the kubelet sends once the grace period is over: no clean-up of any kind.</summary>
    public void Kill() => Signal(9);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // Straight to the kernel, not through kill(1): a test aiming at a moment of a short migration cannot wait for a fork.
    private void Signal(int signal)
    {
        if (SendSignal(_process.Id, signal) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

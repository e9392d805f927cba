using System.Diagnostics;

namespace Chart.Tests.Infrastructure;

/// <summary>What one helm invocation did.</summary>
public sealed record HelmResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() =>
        $"`{CommandLine}` exited {ExitCode}\n--- stderr ---\n{StdErr}\n--- stdout ---\n{StdOut}";
}

/// <summary>
/// Runs the real helm binary with an argument list (no shell) in an isolated environment: its own
/// HELM_*_HOME folders (nothing read from or written to the user's home, so the tests run as any user) and
/// an empty kubeconfig, so a test can never reach a real cluster by accident.
/// </summary>
public sealed class Helm
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Helm> _instance = new(() => new Helm(HelmLocator.Find(Environment.GetEnvironmentVariable)));

    private readonly string _home;

    private Helm(string executable)
    {
        Executable = executable;
        _home = Directory.CreateTempSubdirectory("chart-tests-helm-").FullName;
        File.WriteAllText(Path.Combine(_home, "kubeconfig"), "");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(_home, recursive: true);
    }

    /// <summary>The shared runner; throws <see cref="HelmNotFoundException"/> (failing the test) without helm.</summary>
    public static Helm Instance => _instance.Value;

    public string Executable { get; }

    public HelmResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Anywhere but the repository: every path handed to helm is absolute.
            WorkingDirectory = _home,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["HELM_CACHE_HOME"] = Path.Combine(_home, "cache");
        startInfo.Environment["HELM_CONFIG_HOME"] = Path.Combine(_home, "config");
        startInfo.Environment["HELM_DATA_HOME"] = Path.Combine(_home, "data");
        startInfo.Environment["KUBECONFIG"] = Path.Combine(_home, "kubeconfig");
        startInfo.Environment.Remove("HELM_NAMESPACE");
        startInfo.Environment.Remove("HELM_KUBECONTEXT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend("helm"));
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {_timeout}.");
        }

        return new HelmResult(commandLine, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    public HelmResult Run(params string[] arguments) => Run((IEnumerable<string>)arguments);
}

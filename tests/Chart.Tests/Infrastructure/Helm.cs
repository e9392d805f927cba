using System.Collections.Concurrent;
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
/// Runs the real helm binary of one major with an argument list (no shell) in an isolated environment: its own
/// HELM_*_HOME folders (nothing read from or written to the user's home, so the tests run as any user) and an
/// empty kubeconfig, so a test can never reach a real cluster by accident. Every test that runs helm runs on each
/// supported major (see <see cref="HelmFixture"/>).
/// </summary>
public sealed class Helm
{
    /// <summary>The majors the chart and the build support, Helm 4 first (the default).</summary>
    public static readonly IReadOnlyList<int> Majors = [4, 3];

    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<int, Helm> _byMajor = new();

    private readonly Lazy<string> _executable;
    private readonly string _home;

    private Helm(int major)
    {
        Major = major;
        _executable = new(() => HelmLocator.Find(major, Environment.GetEnvironmentVariable, RepositoryPaths.Root));
        _home = Directory.CreateTempSubdirectory($"chart-tests-helm{major}-").FullName;
        File.WriteAllText(Path.Combine(_home, "kubeconfig"), "");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(_home, recursive: true);
    }

    public static Helm For(int major) => _byMajor.GetOrAdd(major, key => new Helm(key));

    /// <summary>The fixture source: one fixture per major, named "Helm 4" and "Helm 3" in test results.</summary>
    public static IEnumerable<TestFixtureData> Fixtures() =>
        Majors.Select(major => new TestFixtureData(For(major)).SetArgDisplayNames($"Helm {major}"));

    public int Major { get; }

    /// <summary>The binary; throws <see cref="HelmNotFoundException"/> (failing the test) when this major is missing.</summary>
    public string Executable => _executable.Value;

    /// <summary>
    /// How schema errors name a field: Helm 3 (gojsonschema) writes <c>image.digest</c>, Helm 4
    /// (santhosh-tekuri/jsonschema) a JSON pointer, <c>/image/digest</c>.
    /// </summary>
    public string SchemaField(string dottedPath) => Major >= 4 ? "/" + dottedPath.Replace('.', '/') : dottedPath;

    public override string ToString() => $"Helm {Major}";

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

        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend($"helm{Major}"));
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

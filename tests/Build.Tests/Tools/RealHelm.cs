using Chart.Tests.Infrastructure;
using Tools;

namespace BuildTests.Tools;

/// <summary>
/// The real helm of one major for the tests that run the build's own helm command lines (the pinned binaries of
/// ./build.sh Prerequisites, or HELM4_PATH / HELM3_PATH), run through the build's <see cref="ProcessRunner"/> in an
/// isolated environment: its own HELM_*_HOME folders and, for cluster commands, a kubeconfig naming a fake API.
/// Failures are returned, not thrown, so a test can read helm's own error.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RealHelm : IProcessRunner, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("build-tests-helm-").FullName;
    private readonly ProcessRunner _runner = new();

    public RealHelm(int major, string? kubeconfig = null)
    {
        Executable = HelmLocator.Find(major, Environment.GetEnvironmentVariable, RepositoryRoot.Path);
        Kubeconfig = kubeconfig ?? Path.Combine(_home, "empty-kubeconfig");
        File.WriteAllText(Path.Combine(_home, "empty-kubeconfig"), "");
        Cli = new Helm(this, Executable, _home);
    }

    public string Executable { get; }
    public string Kubeconfig { get; }

    /// <summary>The build's helm wrapper, running this binary.</summary>
    public Helm Cli { get; }

    public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellation = default) =>
        _runner.RunAsync(command with
        {
            AllowFailure = true,
            Quiet = true,
            Environment = new Dictionary<string, string?>
            {
                ["HELM_CACHE_HOME"] = Path.Combine(_home, "cache"),
                ["HELM_CONFIG_HOME"] = Path.Combine(_home, "config"),
                ["HELM_DATA_HOME"] = Path.Combine(_home, "data"),
                ["KUBECONFIG"] = Kubeconfig,
                ["HELM_NAMESPACE"] = null,
                ["HELM_KUBECONTEXT"] = null,
            },
        }, cancellation);

    /// <summary>Runs an argument list the test assembles itself (e.g. a counterexample the build must never produce).</summary>
    public Task<ToolResult> Run(params string[] arguments) => RunAsync(new ToolCommand(Executable, arguments) { WorkingDirectory = _home });

    public void Dispose() => Directory.Delete(_home, recursive: true);
}

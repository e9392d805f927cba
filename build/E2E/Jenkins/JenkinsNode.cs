using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// A running Jenkins node: a container of <see cref="NodeImage"/> as uid 1000 in the docker socket's group, the
/// private engine's socket at /var/run/docker.sock, the jobs' workspaces at the same path as on this machine (so the
/// dockerfile agent's <c>-v ws:ws</c> means the same folder to the engine), and the fake cluster's folder.
/// </summary>
public sealed class JenkinsNode : IAsyncDisposable
{
    public const string FakeCluster = "/var/lib/fake-cluster";
    private readonly Docker _docker;

    private JenkinsNode(Docker docker, string container)
    {
        _docker = docker;
        Container = container;
    }

    public string Container { get; }

    public static async Task<JenkinsNode> Start(IProcessRunner runner, Docker docker, DockerEngine engine, AbsolutePath jobs, AbsolutePath cluster,
        IReadOnlyDictionary<string, string> nodeEnvironment, CancellationToken cancellation = default)
    {
        const string container = "admin-site-rehearsal-node";
        var socket = new Uri(engine.Host).AbsolutePath;
        var group = (await runner.RunAsync(new ToolCommand("stat", ["--format", "%g", socket]) { Quiet = true }, cancellation)).StandardOutput.Trim();
        await docker.Remove([container], cancellation);
        await docker.Run(run => nodeEnvironment.Aggregate(
            run.EnableDetach()
                .SetName(container)
                .SetNetwork("host")
                .SetUser($"{NodeImage.User}:{NodeImage.User}")
                .AddGroup(group)
                .AddVolume($"{socket}:/var/run/docker.sock")
                .AddVolume($"{jobs}:{jobs}")
                .AddVolume($"{cluster}:{FakeCluster}")
                .AddEnvironmentVariable("FAKE_CLUSTER", FakeCluster),
            (settings, variable) => settings.AddEnvironmentVariable(variable.Key, variable.Value))
            .SetImage(NodeImage.Name)
            .SetCommand("sleep", "infinity"), cancellation);
        return new JenkinsNode(docker, container);
    }

    /// <summary>A shell step on the node, as Jenkins' sh runs it: <c>sh -c</c> in the workspace, with the build's variables.</summary>
    public Task<ToolResult> Sh(string script, string workspace, IReadOnlyDictionary<string, string> environment, CancellationToken cancellation = default) =>
        _docker.Exec(Container, ["sh", "-c", script], workspace, environment.ToList(), cancellation);

    public async Task<bool> Has(string command) => (await _docker.Exec(Container, ["sh", "-c", $"command -v {command}"])).Succeeded;

    public async ValueTask DisposeAsync() => await _docker.Remove([Container]);
}

using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// A private Docker engine for the rehearsal: its own socket, no bridge network and no iptables changes, so it
/// touches nothing else on the machine (containers use --network host). Images persist in the data root
/// between runs; everything else is removed when it stops.
/// </summary>
public sealed class DockerEngine : IAsyncDisposable
{
    private readonly IProcessRunner _runner;
    private readonly BackgroundProcess _daemon;
    private readonly DirectoryInfo _runtime;
    private readonly AbsolutePath _dataRoot;

    private DockerEngine(IProcessRunner runner, BackgroundProcess daemon, DirectoryInfo runtime, AbsolutePath dataRoot)
    {
        _runner = runner;
        _daemon = daemon;
        _runtime = runtime;
        _dataRoot = dataRoot;
    }

    public string Host => $"unix://{Path.Combine(_runtime.FullName, "docker.sock")}";

    /// <summary>What a docker client needs to talk to this engine.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["DOCKER_HOST"] = Host };

    public static async Task<DockerEngine> Start(IProcessRunner runner, AbsolutePath dataRoot, AbsolutePath logDirectory, CancellationToken cancellation = default)
    {
        // containerd's socket paths must stay under ~100 characters: the runtime folder is short, in /tmp.
        var runtime = Directory.CreateTempSubdirectory("ase.");
        await Mounts.Release(runner, dataRoot, cancellation);
        Directory.CreateDirectory(dataRoot);
        var daemon = BackgroundProcess.Start("dockerd", new ToolCommand("dockerd",
        [
            "--host", $"unix://{Path.Combine(runtime.FullName, "docker.sock")}",
            "--data-root", dataRoot,
            "--exec-root", Path.Combine(runtime.FullName, "exec"),
            "--pidfile", Path.Combine(runtime.FullName, "docker.pid"),
            "--bridge=none",
            "--iptables=false",
        ]) { MissingHint = "apt-get install docker.io" }, logDirectory / "dockerd.log");

        var engine = new DockerEngine(runner, daemon, runtime, dataRoot);
        return await Startup.ReadyOrDisposed(engine, () => daemon.WaitUntil(async () => (await runner.RunAsync(
            new ToolCommand("docker", ["version", "--format", "{{.Server.Version}}"]) { Environment = engine.Environment, Quiet = true, AllowFailure = true },
            cancellation)).Succeeded, TimeSpan.FromSeconds(60), cancellation));
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        await Mounts.Release(_runner, AbsolutePath.Create(_runtime.FullName), CancellationToken.None);
        await Mounts.Release(_runner, _dataRoot, CancellationToken.None);
        _runtime.Delete(recursive: true);
    }
}

/// <summary>An engine that died uncleanly can leave mounts behind that make its folders undeletable.</summary>
internal static class Mounts
{
    public static async Task Release(IProcessRunner runner, AbsolutePath below, CancellationToken cancellation)
    {
        if (!File.Exists("/proc/self/mounts"))
            return;
        var prefix = below.Value + "/";
        var mounts = File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' ')[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point == below.Value || point.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(point => point.Length)
            .ToList();
        foreach (var point in mounts)
            await runner.RunAsync(new ToolCommand("umount", ["--lazy", point]) { Quiet = true, AllowFailure = true }, cancellation);
    }
}

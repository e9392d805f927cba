using System.Globalization;
using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// A podman for the rehearsal alone: its storage (images, volumes, secrets, libpod's database) under
/// <c>.nuke/temp</c>, its run root, locks and runc state in a short /tmp folder (conmon's socket paths must stay
/// under ~100 characters), and a containers.conf of its own, so the machine's podman state is never used. Disposal
/// removes every pod, volume, secret and image it made, its folders, and the two folders podman 4.3 writes outside
/// them regardless (<see cref="MadeRegardless"/>). Every podman command line is assembled here.
/// </summary>
public sealed class Podman : IAsyncDisposable
{
    private const string MissingHint = "apt-get install podman catatonit";
    private readonly IProcessRunner _runner;
    private readonly AbsolutePath _storage;
    private readonly DirectoryInfo _runtime;
    private readonly IReadOnlyDictionary<string, string?> _environment;

    /// <summary>
    /// Folders podman 4.3 makes whatever its flags and containers.conf say (the pull's blob cache, netavark's run
    /// folder), each before its parent: removed at the end if they were not there before, a parent only if empty.
    /// </summary>
    private static readonly string[] MadeRegardless = ["/var/lib/containers/cache", "/var/lib/containers", "/run/containers/networks", "/run/containers"];
    private readonly string[] _madeHere;

    private Podman(IProcessRunner runner, AbsolutePath storage, DirectoryInfo runtime)
    {
        _runner = runner;
        _storage = storage;
        _runtime = runtime;
        _madeHere = MadeRegardless.Where(folder => !Directory.Exists(folder)).ToArray();
        _environment = new Dictionary<string, string?> { ["CONTAINERS_CONF"] = Path.Combine(runtime.FullName, "containers.conf") };
    }

    public static async Task<Podman> Start(IProcessRunner runner, AbsolutePath storage, CancellationToken cancellation = default)
    {
        await Mounts.Release(runner, storage, cancellation);
        if (storage.DirectoryExists())
            Directory.Delete(storage, recursive: true);
        Directory.CreateDirectory(storage);
        var runtime = Directory.CreateTempSubdirectory("asp.");
        // The machine's hard limits are below podman's defaults ("error setting rlimit"); shm locks would be
        // shared with any other podman on the machine; there is no systemd (cgroupfs, events in a file).
        await File.WriteAllTextAsync(Path.Combine(runtime.FullName, "containers.conf"), $"""
            [containers]
            default_ulimits = ["nofile=16384:16384", "nproc=32768:32768"]

            [engine]
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            events_logfile_path = "{runtime.FullName}/events.log"
            lock_type = "file"
            image_copy_tmp_dir = "{runtime.FullName}/tmp"

            [network]
            network_config_dir = "{runtime.FullName}/networks"

            """, cancellation);
        Directory.CreateDirectory(Path.Combine(runtime.FullName, "tmp"));

        var podman = new Podman(runner, storage, runtime);
        return await Startup.ReadyOrDisposed(podman, async () =>
        {
            var version = await podman.Capture(["version", "--format", "{{.Client.Version}}"], cancellation);
            Log.Information($"podman {version.Trim()}, storage in {storage}, run root in {runtime.FullName}.");
        });
    }

    /// <summary>Pulls by digest from the rehearsal's plain-HTTP registry on loopback.</summary>
    public Task Pull(string reference, CancellationToken cancellation = default) =>
        Run(["pull", "--tls-verify=false", "--quiet", reference], cancellation);

    public Task CreateVolume(string name, int uid, int gid, CancellationToken cancellation = default) =>
        Run(["volume", "create", "--opt", FormattableString.Invariant($"o=uid={uid},gid={gid}"), name], cancellation);

    /// <summary>Where the volume's files are on this machine.</summary>
    public async Task<AbsolutePath> VolumePath(string name, CancellationToken cancellation = default) =>
        AbsolutePath.Create((await Capture(["volume", "inspect", "--format", "{{.Mountpoint}}", name], cancellation)).Trim());

    /// <summary>Stores (or replaces) a secret in podman's own format; the value comes on standard input, never in a command line.</summary>
    public async Task CreateSecret(string name, string value, CancellationToken cancellation = default)
    {
        // podman 4.3's secret create has no --replace.
        await _runner.RunAsync(Command(["secret", "rm", name]) with { Quiet = true, AllowFailure = true }, cancellation);
        await _runner.RunAsync(Command(["secret", "create", name, "-"]) with { StandardInput = value, Quiet = true }, cancellation);
    }

    /// <summary><c>podman kube play</c>: creates the pods in the file and starts them (init containers first, to completion).</summary>
    public Task<ToolResult> Play(AbsolutePath manifest, CancellationToken cancellation = default) =>
        _runner.RunAsync(Command(["kube", "play", "--quiet", manifest]) with { Quiet = true, AllowFailure = true }, cancellation);

    /// <summary>Stops a pod the way a kubelet does (SIGTERM, then SIGKILL after the grace period) and removes it.</summary>
    public Task RemovePod(string pod, int graceSeconds, CancellationToken cancellation = default) =>
        _runner.RunAsync(Command(["pod", "rm", "--force", "--ignore", "--time", graceSeconds.ToString(CultureInfo.InvariantCulture), pod])
            with { Quiet = true }, cancellation);

    public async Task<string> Inspect(string container, string format, CancellationToken cancellation = default) =>
        (await Capture(["container", "inspect", "--format", format, container], cancellation)).Trim();

    /// <summary>Waits until the container has exited and returns its exit code.</summary>
    public async Task<int> Wait(string container, CancellationToken cancellation = default) =>
        int.Parse((await Capture(["wait", container], cancellation)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Everything the container wrote, standard output and error together.</summary>
    public async Task<string> Logs(string container, CancellationToken cancellation = default)
    {
        var logs = await _runner.RunAsync(Command(["logs", container]) with { Quiet = true, AllowFailure = true }, cancellation);
        return logs.StandardOutput + logs.StandardError;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var removal in new[] { (string[])["pod", "rm", "--all", "--force", "--time", "0"], ["rm", "--all", "--force", "--time", "0"],
                     ["volume", "rm", "--all", "--force"], ["secret", "rm", "--all"], ["image", "rm", "--all", "--force"] })
            await _runner.RunAsync(Command(removal) with { Quiet = true, AllowFailure = true }, CancellationToken.None);
        await Mounts.Release(_runner, _storage, CancellationToken.None);
        await Mounts.Release(_runner, AbsolutePath.Create(_runtime.FullName), CancellationToken.None);
        // Overlay layers hold files of every uid; rm copes with what Directory.Delete might trip on.
        await _runner.RunAsync(new ToolCommand("rm", ["-rf", _storage, _runtime.FullName]) { Quiet = true, AllowFailure = true }, CancellationToken.None);
        foreach (var folder in _madeHere.Where(Directory.Exists))
        {
            var isParent = MadeRegardless.Any(other => other.StartsWith(folder + "/", StringComparison.Ordinal));
            if (!isParent || !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder, recursive: !isParent);
        }
    }

    private async Task<string> Capture(IReadOnlyList<string> arguments, CancellationToken cancellation) =>
        (await _runner.RunAsync(Command(arguments) with { Quiet = true }, cancellation)).StandardOutput;

    private Task<ToolResult> Run(IReadOnlyList<string> arguments, CancellationToken cancellation) =>
        _runner.RunAsync(Command(arguments) with { Quiet = true }, cancellation);

    private ToolCommand Command(IReadOnlyList<string> arguments) => new("podman",
    [
        "--root", _storage / "storage",
        "--runroot", Path.Combine(_runtime.FullName, "run"),
        "--tmpdir", Path.Combine(_runtime.FullName, "libpod"),
        "--runtime-flag", "root=" + Path.Combine(_runtime.FullName, "runc"),
        .. arguments,
    ])
    {
        Environment = _environment,
        MissingHint = MissingHint,
    };
}

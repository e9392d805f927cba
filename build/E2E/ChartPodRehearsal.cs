using System.Diagnostics;
using System.Globalization;
using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// The chart's own pod run by podman: each revision is <c>helm template</c> with an image by digest, changed only
/// as <see cref="PodmanAdaptations"/> lists, played on one data volume. A new revision first stops the running
/// pod, as the chart's Recreate strategy does with SQLite; a rollback replays revision 1's render, as
/// <c>helm rollback</c> re-applies a stored release.
/// </summary>
public sealed class ChartPodRehearsal(IProcessRunner runner, Podman podman, Func<ImageRecord, Task<string>> render, AbsolutePath work)
{
    private const string UsersPath = "/admin/auth/user";
    private const string UserPassword = "Kept-Across-Deploys-42";

    /// <summary>How long kube play may take to run migrate to completion and start the site (or the helm test pod its check).</summary>
    private static readonly TimeSpan PlayTimeout = TimeSpan.FromMinutes(2);
    private readonly int _port = FreePort.Next();
    private readonly List<string> _users = [];
    private readonly HashSet<string> _pulled = [];
    private ChartPod? _first;
    private ChartPod? _running;
    private AbsolutePath? _testPodManifest;
    private int _revision;

    private string Url => $"http://127.0.0.1:{_port}";

    /// <summary>Revision 1 on an empty volume: migrate runs first, then the site, locked down, serving its probes and the Secret's admin.</summary>
    public async Task Install(ImageRecord image)
    {
        PodmanAdaptations.Print();
        var pod = await Render(image);
        await podman.CreateVolume(pod.ClaimName, pod.RunAsUser, pod.FsGroup);
        Log.Information($"Volume {pod.ClaimName} made for the chart's claim, owned by {pod.RunAsUser}:{pod.FsGroup}.");
        _first = pod;

        var migrate = await Play(pod);
        var applied = migrate.Split('\n').Count(line => line.TrimStart().StartsWith("Applying ", StringComparison.Ordinal));
        if (applied == 0 || !migrate.Contains("Migrations applied.", StringComparison.Ordinal))
            throw new BuildFailedException($"The migrate init container did not migrate the empty database. It said:{Environment.NewLine}{migrate}");
        Log.Success($"The migrate init container applied {applied} migrations to the empty volume and exited 0; the site does not migrate (Database__MigrateOnStartup=false).");

        await Serving(pod);
        Log.Success("The site's process: " + ContainerProcess.CheckLockedDown(await Pid(pod), pod.RunAsUser) + ".");
        await UsersSurvive(pod);
    }

    /// <summary>What <c>helm test</c> does: the chart's test pod runs its check against the running site and must exit 0.</summary>
    public async Task HelmTest()
    {
        var pod = _running ?? throw new InvalidOperationException("No revision is running.");
        var played = await podman.Play(_testPodManifest!);
        if (!played.Succeeded)
            throw new BuildFailedException($"podman kube play of the helm test pod failed:{Environment.NewLine}{played.StandardError.Trim()}");
        int exitCode;
        using (var bound = new CancellationTokenSource(PlayTimeout))
        {
            try
            {
                exitCode = await podman.Wait(pod.TestContainer, bound.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                throw new BuildFailedException($"The helm test pod did not finish in {PlayTimeout.TotalSeconds:0} s:{Environment.NewLine}{await podman.Logs(pod.TestContainer)}");
            }
        }
        var logs = (await podman.Logs(pod.TestContainer)).Trim();
        await podman.RemovePod(pod.TestPodName, 0);
        if (exitCode != 0)
            throw new BuildFailedException($"The helm test pod's check failed (exit code {exitCode}):{Environment.NewLine}{logs}");
        Log.Success($"The helm test pod {pod.TestPodName} exited 0: {logs}");
    }

    /// <summary>A new revision replaces the running pod on the same volume; its migrate applies <paramref name="migration"/> (null: nothing).</summary>
    public async Task Upgrade(ImageRecord image, string? migration = null)
    {
        var pod = await Render(image);
        var migrate = await Play(pod);
        // Migration ids are <timestamp>_<name>.
        var said = migrate.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => migration is null
            ? line == "No migrations to apply."
            : line.StartsWith("Applying ", StringComparison.Ordinal) && line.EndsWith("_" + migration, StringComparison.Ordinal));
        if (said is null)
            throw new BuildFailedException($"Revision {_revision}'s migrate init container did not {(migration is null ? "find nothing to apply" : "apply " + migration)}. It said:{Environment.NewLine}{migrate}");
        Log.Success($"Revision {_revision}'s migrate init container: {said}");
        await Serving(pod);
        await UsersSurvive(pod);
    }

    /// <summary>Revision 1's render again, on whatever schema the revisions since left.</summary>
    public async Task Rollback()
    {
        var pod = _first ?? throw new InvalidOperationException("Nothing was installed.");
        var migrate = await Play(pod);
        var said = migrate.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith("Database:", StringComparison.Ordinal));
        Log.Success($"Revision {_revision} (revision 1's manifests): its migrate init container exited 0 on the newer schema: {string.Join(" ", said)}");
        await Serving(pod);
        await UsersSurvive(pod);
    }

    /// <summary>Runs a query on a copy of the SQLite file in the data volume, never on the file the site has open.</summary>
    public async Task<string> Sqlite(string statement)
    {
        var pod = _first ?? throw new InvalidOperationException("Nothing was installed.");
        var volume = await podman.VolumePath(pod.ClaimName);
        var copy = Directory.CreateTempSubdirectory("e2e-sqlite-");
        try
        {
            foreach (var file in Directory.GetFiles(volume, Path.GetFileName(pod.SqliteFile) + "*"))
                File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
            return (await runner.RunAsync(new ToolCommand("sqlite3", [Path.Combine(copy.FullName, Path.GetFileName(pod.SqliteFile)), statement])
            {
                Quiet = true,
                MissingHint = "apt-get install sqlite3",
            })).StandardOutput.Trim();
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private async Task<ChartPod> Render(ImageRecord image)
    {
        var pod = PodmanAdaptations.Adapt(RenderedChart.Parse(await render(image)), _port);
        var others = pod.Images.Where(reference => reference != image.DigestReference).ToList();
        if (others.Count > 0)
            throw new BuildFailedException($"helm template did not put {image.DigestReference} in every container: {string.Join(", ", others)}.");
        Log.Information($"helm template puts {image.DigestReference} in the migrate, site and helm test containers.");
        return pod;
    }

    /// <summary>Stops the running revision, then plays this one; kube play runs the init container to completion first. Returns migrate's log.</summary>
    private async Task<string> Play(ChartPod pod)
    {
        _revision++;
        if (_running is { } previous)
        {
            var stopping = Stopwatch.StartNew();
            await podman.RemovePod(previous.PodName, previous.GraceSeconds);
            Log.Information($"Revision {_revision - 1}'s pod stopped and removed in {stopping.Elapsed.TotalSeconds:0.0} s (Recreate: the SQLite file has one writer).");
            _running = null;
        }
        await podman.CreateSecret(pod.SecretName, pod.SecretData);
        foreach (var image in pod.Images.Distinct().Where(_pulled.Add))
            await podman.Pull(image);

        var (deployment, testPod) = pod.Write(work / $"revision-{_revision}");
        _testPodManifest = testPod;
        ToolResult played;
        using (var bound = new CancellationTokenSource(PlayTimeout))
        {
            try
            {
                played = await podman.Play(deployment, bound.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                throw new BuildFailedException($"Revision {_revision}'s pod did not get past its migrate init container in {PlayTimeout.TotalSeconds:0} s. It said:{Environment.NewLine}{await podman.Logs(pod.MigrateContainer)}");
            }
            finally
            {
                _running = pod;
            }
        }
        var migrate = await podman.Logs(pod.MigrateContainer);
        if (!played.Succeeded)
            throw new BuildFailedException($"podman kube play of revision {_revision} failed:{Environment.NewLine}{played.StandardError.Trim()}{Environment.NewLine}The migrate init container said:{Environment.NewLine}{migrate}");
        var exitCode = await podman.Inspect(pod.MigrateContainer, "{{.State.ExitCode}}");
        if (exitCode != "0")
            throw new BuildFailedException($"Revision {_revision}'s migrate init container exited {exitCode}:{Environment.NewLine}{migrate}");
        Log.Information($"Revision {_revision} played: {deployment}.");
        return migrate;
    }

    /// <summary>Each of the chart's probes must pass within the time a kubelet gives it, then the health endpoints and login form answer.</summary>
    private async Task Serving(ChartPod pod)
    {
        using var site = new SiteProbe(Url);
        foreach (var probe in pod.Probes)
        {
            var waited = Stopwatch.StartNew();
            if (!await Readiness.Poll(async () => (int)await site.Status(probe.Path) is >= 200 and < 400, probe.Budget))
                throw new BuildFailedException($"The site's {probe.Kind} (GET {probe.Path}) did not pass within {probe.Budget.TotalSeconds:0} s. The site said:{Environment.NewLine}{Tail(await podman.Logs(pod.SiteContainer))}");
            Log.Information($"{probe.Kind} GET {probe.Path} passed after {waited.Elapsed.TotalSeconds:0.0} s (a kubelet allows {probe.Budget.TotalSeconds:0} s).");
        }
        await site.CheckServing();
    }

    /// <summary>
    /// The admin from revision 1's Secret signs in, the users changelist still lists every user earlier revisions
    /// added, and this revision adds one. helm template renders a new random password into every other revision's
    /// Secret (it cannot look up the live one): the admin must keep the password it was created with.
    /// </summary>
    private async Task UsersSurvive(ChartPod pod)
    {
        var admin = _first!;
        using var site = new SiteProbe(Url);
        var cookies = await site.LogIn(admin.AdminUserName, admin.AdminPassword)
            ?? throw new BuildFailedException($"Revision {_revision}: the bootstrap admin '{admin.AdminUserName}' cannot sign in with the password from revision 1's Secret.");
        if (pod.AdminPassword != admin.AdminPassword && await site.LogIn(admin.AdminUserName, pod.AdminPassword) is not null)
            throw new BuildFailedException($"Revision {_revision}: the admin signs in with this revision's new Secret password: the bootstrap ran again on a database that has users.");
        var users = await site.Page(UsersPath, cookies);
        var lost = _users.Where(user => !users.Contains(user, StringComparison.Ordinal)).ToList();
        if (lost.Count > 0)
            throw new BuildFailedException($"Revision {_revision}: the users changelist no longer lists {string.Join(", ", lost)}.");

        var added = $"e2e-revision-{_revision.ToString(CultureInfo.InvariantCulture)}";
        var form = await site.OpenForm($"{UsersPath}/add", cookies);
        var status = await site.Submit($"{UsersPath}/add", form, new Dictionary<string, string>
        {
            ["Input.UserName"] = added,
            ["Input.Password1"] = UserPassword,
            ["Input.Password2"] = UserPassword,
            ["_save"] = "Save",
        });
        if (status != System.Net.HttpStatusCode.Redirect)
            throw new BuildFailedException($"Revision {_revision}: adding the user {added} answered {(int)status}, expected a redirect.");
        _users.Add(added);
        Log.Success(_users.Count == 1
            ? $"Revision {_revision}: '{admin.AdminUserName}' signs in with the chart's Secret; added {added}."
            : $"Revision {_revision}: '{admin.AdminUserName}' signs in with revision 1's password{(pod.AdminPassword != admin.AdminPassword ? " (not this Secret's new one)" : "")}, the users changelist lists {string.Join(", ", _users.SkipLast(1))}; added {added}.");
    }

    private async Task<int> Pid(ChartPod pod) => int.Parse(await podman.Inspect(pod.SiteContainer, "{{.State.Pid}}"), CultureInfo.InvariantCulture);

    private static string Tail(string logs) => string.Join(Environment.NewLine, logs.Split('\n').TakeLast(40));
}

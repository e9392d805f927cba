using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AdminSite.Testing;

namespace AdminSite.Bench;

/// <summary>The published site as its own process on a free loopback port, started and stopped by the bench.</summary>
internal sealed partial class Site : IAsyncDisposable
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Bench-Admin-Passphrase-1";

    private readonly Process _process;

    private Site(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task PublishAsync(string root, string output)
    {
        var project = Path.Combine(root, "source", "AdminSite", "AdminSite.csproj");
        var code = await RunAsync("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet"], environment: null);
        if (code != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed with exit code {code}.");
        }
    }

    /// <summary>One of the site's commands (<c>migrate</c>, <c>createsuperuser</c>) against <paramref name="database"/>.</summary>
    public static async Task RunCommandAsync(WorkFolder work, BenchDatabase database, params string[] command)
    {
        var code = await RunAsync("dotnet", [Path.Combine(work.SiteFolder, "AdminSite.dll"), .. command], Environment(database));
        if (code != 0)
        {
            throw new InvalidOperationException($"AdminSite {string.Join(' ', command)} failed with exit code {code}.");
        }
    }

    /// <param name="metrics">Metrics:Enabled: the bench runs the pages both ways to show what the metrics cost.</param>
    /// <param name="profiled">
    /// Writes /tmp/perf-PID.map, where perf finds the names of JIT-compiled methods, and keeps that code in memory
    /// perf can attribute (no W^X double mapping): <see cref="MetricsProfile"/>.
    /// </param>
    public static async Task<Site> StartAsync(WorkFolder work, BenchDatabase database, bool metrics = true, bool profiled = false)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackSite.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work.SiteFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(work.SiteFolder, "AdminSite.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in Environment(database))
        {
            start.Environment[key] = value;
        }

        start.Environment["Metrics__Enabled"] = metrics ? "true" : "false";
        if (profiled)
        {
            start.Environment["DOTNET_PerfMapEnabled"] = "1";
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        start.Environment["Metrics__Port"] = "0";

        var process = Process.Start(start) ?? throw new InvalidOperationException("The site did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  site: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var site = new Site(process, baseAddress);
        await LoopbackSite.WaitUntilReadyAsync(process, baseAddress, TimeSpan.FromMilliseconds(250));
        return site;
    }

    /// <summary>Signs in through the login form and returns the session cookie as "name=value".</summary>
    public async Task<string> LogInAsync(string userName, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var form = await client.GetStringAsync("/Identity/Account/Login");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);
        using var response = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(
        [
            new("Input.UserName", userName),
            new("Input.Password", password),
            new("__RequestVerificationToken", token),
        ]));
        var session = cookies.GetCookies(BaseAddress)["admin_session"];
        return response.StatusCode == HttpStatusCode.Redirect && session is not null
            ? $"{session.Name}={session.Value}"
            : throw new InvalidOperationException($"Logging in failed: {(int)response.StatusCode}.");
    }

    public async Task EnsureAuthenticatedAsync(string cookie, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("result_list", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} with the session cookie answered {(int)response.StatusCode}, not the changelist.");
        }
    }

    /// <summary>Deletes the method names a profiled site wrote for perf (megabytes in /tmp).</summary>
    public void DeletePerfMap() => File.Delete($"/tmp/perf-{_process.Id}.map");

    /// <summary>Peak (VmHWM) and current (VmRSS) resident memory of the site, in MiB.</summary>
    public Memory ReadMemory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        double Read(string key) => double.Parse(
            status.Single(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return new Memory(Read("VmHWM"), Read("VmRSS"));
    }

    /// <summary>
    /// Waits (up to a minute) until the site is idle: after wrk gives up on slow requests the site may still be
    /// working on them, and the next measurement must not pay for the last one.
    /// </summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var before = CpuTime();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var now = CpuTime();
            if (now - before < TimeSpan.FromMilliseconds(25))
            {
                return;
            }

            before = now;
        }
    }

    /// <summary>The site process's CPU time so far, user and system.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>
    /// In the chart's pod .NET sizes its heap from the container's memory limit (512 MiB in chart/values.yaml; the
    /// heap may take 75% of it). Outside a container it would size it from the machine's 24 GB, and the memory
    /// measured would be nobody's.
    /// </summary>
    private const string HeapHardLimit = "0x18000000";

    private static Dictionary<string, string> Environment(BenchDatabase database) => new(database.Settings)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_GCHeapHardLimit"] = HeapHardLimit,
        ["Bootstrap__AdminUserName"] = AdminUserName,
        ["Bootstrap__AdminPassword"] = AdminPassword,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static async Task<int> RunAsync(string file, string[] args, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

internal sealed record Memory(double PeakMiB, double CurrentMiB);

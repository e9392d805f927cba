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

    public static Task RunCommandAsync(WorkFolder work, params string[] command) => RunCommandOnAsync(work, work.DatabasePath, command);

    /// <summary>A command against another database of the work folder (the export measurement's).</summary>
    public static async Task RunCommandOnAsync(WorkFolder work, string databasePath, params string[] command)
    {
        var code = await RunAsync("dotnet", [Path.Combine(work.SiteFolder, "AdminSite.dll"), .. command], Environment(databasePath));
        if (code != 0)
        {
            throw new InvalidOperationException($"AdminSite {string.Join(' ', command)} failed with exit code {code}.");
        }
    }

    /// <param name="metrics">Metrics:Enabled: the bench runs the pages both ways to show what the metrics cost.</param>
    public static async Task<Site> StartAsync(WorkFolder work, string? databasePath = null, bool metrics = true)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackSite.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work.SiteFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(work.SiteFolder, "AdminSite.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in Environment(databasePath ?? work.DatabasePath))
        {
            start.Environment[key] = value;
        }

        start.Environment["Metrics__Enabled"] = metrics ? "true" : "false";
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

    /// <summary>Peak (VmHWM) and current (VmRSS) resident memory of the site, in MiB.</summary>
    public Memory ReadMemory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        double Read(string key) => double.Parse(
            status.Single(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return new Memory(Read("VmHWM"), Read("VmRSS"));
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

    private static Dictionary<string, string> Environment(string databasePath) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Sqlite",
        ["Database__SqlitePath"] = databasePath,
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

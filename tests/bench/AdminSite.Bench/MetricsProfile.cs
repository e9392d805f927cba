using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AdminSite.Bench;

/// <summary>
/// What the metrics cost inside one process: the share of the site's CPU samples (perf, cpu-clock) spent in metrics
/// code while wrk loads a page. Comparing sites with and without metrics cannot see a cost this small: two processes
/// of one build differ by more than it, and runs of the comparison gave anything from +4% to -12%. Metrics code is
/// OpenTelemetry's SDK, System.Diagnostics.Metrics and the framework's *Metrics classes. The share is not a bound
/// either way: some of that code runs with metrics off too (Identity creates its instruments per request), and the
/// garbage collection of what metrics allocate is counted in the runtime's samples, not here.
/// </summary>
internal static partial class MetricsProfile
{
    public static bool IsInstalled() => ExecutableOnPath.Exists("perf");

    /// <summary>Loads <paramref name="url"/> with wrk while perf samples every CPU; the site's samples are then read.</summary>
    public static async Task<ProfileResult> RunAsync(Site site, string page, Uri url, string? header, BenchOptions options, string folder)
    {
        var data = Path.Combine(folder, $"perf-{site.ProcessId}.data");
        var load = Wrk.RunAsync(page, url, options, header);
        // Sampling starts once wrk runs and ends before it does, so every sample is taken under load.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var seconds = Math.Max(1, options.Seconds - 2);
        await RunAsync("perf", ["record", "-e", "cpu-clock", "-F", "499", "-a", "-o", data, "--", "sleep", seconds.ToString(CultureInfo.InvariantCulture)]);
        await load;
        var report = await RunAsync("perf", ["report", "-i", data, "--pid", site.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--no-children", "--sort", "sym", "--stdio", "-g", "none"]);
        File.Delete(data);
        return Parse(page, report);
    }

    public static ProfileResult Parse(string page, string report)
    {
        double total = 0, metrics = 0;
        foreach (Match line in SampleLine().Matches(report))
        {
            var share = double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
            total += share;
            metrics += MetricsCode().IsMatch(line.Groups[2].Value) ? share : 0;
        }

        return new ProfileResult(page, total == 0 ? double.NaN : metrics / total * 100);
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{file} {args[0]} failed ({process.ExitCode}): {await error}");
    }

    /// <summary>"     0.41%  [.] instance void [OpenTelemetry] OpenTelemetry.Metrics.AggregatorStore::Update(...)".</summary>
    [GeneratedRegex(@"^\s+([\d.]+)%\s+\[.\]\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"\[OpenTelemetry[^\]]*\]|System\.Diagnostics\.Metrics\.|\w+Metrics(::|\+)|MetricsContext|HostingApplicationDiagnostics::\w*Metrics")]
    private static partial Regex MetricsCode();
}

/// <summary>The share (percent) of a site's CPU samples spent in metrics code while a page was loaded.</summary>
internal sealed record ProfileResult(string Page, double MetricsPercent);

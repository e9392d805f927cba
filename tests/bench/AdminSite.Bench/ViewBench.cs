using System.Diagnostics;
using System.Net;

namespace AdminSite.Bench;

internal sealed record ViewResult(ChangeListView View, double P50Ms, double P99Ms, int Failures, WrkResult Load);

/// <summary>
/// Each changelist view twice: one request at a time (the latency a person waits), then wrk with many
/// connections (the throughput the site can give them all).
/// </summary>
internal static class ViewBench
{
    public static async Task<IReadOnlyList<ViewResult>> RunAsync(Site site, string cookie, BenchOptions options, string database)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = site.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var views = ChangeListViews.Matching(options.Views);
        await WarmUpAsync(site, cookie, options, database, views);
        var results = new List<ViewResult>();
        foreach (var view in views)
        {
            Console.WriteLine($"{database}: {view.Name} ({view.Path}): {options.ViewRequests} requests one at a time, then wrk {options.Connections} connections for {options.ViewSeconds} s ...");
            await site.SettleAsync();
            var (latencies, failures) = await OneAtATimeAsync(client, cookie, view.Path, options.ViewRequests);
            await site.SettleAsync();
            var load = await Wrk.RunAsync(view.Name, new Uri(site.BaseAddress, view.Path), options with { Seconds = options.ViewSeconds }, $"Cookie: {cookie}");
            var result = new ViewResult(view, Percentile(latencies, 0.50), Percentile(latencies, 0.99), failures, load with { Memory = site.ReadMemory() });
            Console.WriteLine($"  p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms; {load.RequestsPerSecond:F1} req/s, {failures + load.Errors} errors");
            results.Add(result);
        }

        return results;
    }

    /// <summary>
    /// Load on every view before any is measured. A fresh site compiles its code for speed only after it has run it a
    /// while, and it goes on compiling while new views come: measured cold, the first views read what a site serves in
    /// its first minute, not what a running one does (the one-user search at a million users: 70-107 req/s in the
    /// first 10 s, 225-247 after 30 s more; the default order 195 against 369).
    /// </summary>
    private static async Task WarmUpAsync(Site site, string cookie, BenchOptions options, string database, IReadOnlyList<ChangeListView> views)
    {
        var seconds = Math.Max(options.ViewWarmSeconds, (WarmUpAtLeastSeconds + views.Count - 1) / views.Count);
        Console.WriteLine($"{database}: warming up, wrk {options.Connections} connections for {seconds} s on each of {views.Count} views ...");
        foreach (var view in views)
        {
            await Wrk.RunAsync(view.Name, new Uri(site.BaseAddress, view.Path), options with { Seconds = seconds }, $"Cookie: {cookie}");
            await site.SettleAsync();
        }
    }

    /// <summary>
    /// The shortest warm-up in all, however few the views: one view warmed for 2 s read 164-290 req/s (the one-user
    /// search), against 270 after the 50 s that 25 views take.
    /// </summary>
    private const int WarmUpAtLeastSeconds = 30;

    private static async Task<(List<double> Latencies, int Failures)> OneAtATimeAsync(HttpClient client, string cookie, string path, int count)
    {
        var latencies = new List<double>();
        var failures = 0;
        // The first request warms the caches (and compiles the query); it is not counted.
        for (var i = -1; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            var clock = Stopwatch.StartNew();
            if (!await IsChangeListAsync(client, request))
            {
                failures++;
            }

            clock.Stop();

            if (i >= 0)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (latencies, failures);
    }

    private static async Task<bool> IsChangeListAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && html.Contains("result_list", StringComparison.Ordinal);
        }
        catch (TaskCanceledException)
        {
            // The client's timeout: a failure, and its latency is the timeout.
            return false;
        }
    }

    /// <summary>Nearest rank: with 30 requests, p99 is the slowest one.</summary>
    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

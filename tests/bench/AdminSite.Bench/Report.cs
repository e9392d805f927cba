using System.Globalization;

namespace AdminSite.Bench;

internal static class Report
{
    public static void Print(BenchOptions options, IReadOnlyList<WrkResult> results, Memory final)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"AdminSite benchmark: {options.Users} seeded users, {options.Connections} connections, {options.Threads} wrk threads, {options.Seconds} s per page, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine($"| {"page",-30} | {"requests/s",10} | {"p50 ms",8} | {"p99 ms",8} | {"requests",9} | {"errors",6} | {"RSS peak MiB",12} | {"RSS now MiB",11} |");
        Console.WriteLine($"|{new string('-', 32)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 11)}|{new string('-', 8)}|{new string('-', 14)}|{new string('-', 13)}|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Format(culture,
                "| {0,-30} | {1,10:F1} | {2,8:F2} | {3,8:F2} | {4,9} | {5,6} | {6,12:F1} | {7,11:F1} |",
                r.Name, r.RequestsPerSecond, r.P50Ms, r.P99Ms, r.Requests, r.Errors, r.Memory?.PeakMiB, r.Memory?.CurrentMiB));
        }

        Console.WriteLine();
        Console.WriteLine(string.Format(culture, "Site RSS at the end: peak (VmHWM) {0:F1} MiB, current (VmRSS) {1:F1} MiB.", final.PeakMiB, final.CurrentMiB));
    }

    public static void PrintViews(BenchOptions options, DatabaseRun run)
    {
        var culture = CultureInfo.InvariantCulture;
        var seeded = run.Seeding is { } seeding ? string.Format(culture, "seeded in {0:F1} s", seeding.TotalSeconds) : "seeded by an earlier run";
        Console.WriteLine();
        Console.WriteLine(string.Format(culture,
            "Users changelist on {0}, {1:N0} users ({2}): after a warm-up pass of wrk on every view, p50/p99 of {3} requests one at a time, then wrk {4} connections for {5} s each",
            run.Database, options.Users, seeded, options.ViewRequests, options.Connections, options.ViewSeconds));
        Console.WriteLine();
        Console.WriteLine($"| {"view",-34} | {"p50 ms",8} | {"p99 ms",8} | {"req/s at " + options.Connections,11} | {"wrk p50 ms",10} | {"wrk p99 ms",10} | {"errors",6} |");
        Console.WriteLine($"|{new string('-', 36)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 13)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 8)}|");
        foreach (var r in run.Views)
        {
            Console.WriteLine(string.Format(culture,
                "| {0,-34} | {1,8:F1} | {2,8:F1} | {3,11:F1} | {4,10:F1} | {5,10:F1} | {6,6} |",
                r.View.Name, r.P50Ms, r.P99Ms, r.Load.RequestsPerSecond, r.Load.P50Ms, r.Load.P99Ms, r.Failures + r.Load.Errors));
        }

        Console.WriteLine();
        Console.WriteLine(string.Format(culture, "Site on {0}: RSS peak (VmHWM) {1:F1} MiB, now (VmRSS) {2:F1} MiB.", run.Database, run.Memory.PeakMiB, run.Memory.CurrentMiB));
    }

    /// <summary>Each page with metrics against without (<see cref="DatabaseRun.MetricsCosts"/>).</summary>
    public static void PrintMetricsCost(IReadOnlyList<MetricsCost> costs, IReadOnlyList<ProfileResult> profiles)
    {
        Console.WriteLine();
        foreach (var profile in profiles)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "Metrics code in the site's CPU samples (perf, one site with metrics on) on the {0}: {1:F1}%.", profile.Page, profile.MetricsPercent));
        }

        foreach (var cost in costs)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "Metrics cost on the {0}: {1:F1} req/s with, {2:F1} without ({3:+0.0;-0.0}%); site CPU {4:F0} µs per request with, {5:F0} without ({6:+0.0;-0.0}%). The median of {7} pairs of sites; each pair: {8}.",
                cost.Page, cost.On.RequestsPerSecond, cost.Off.RequestsPerSecond, cost.RequestsPercent,
                cost.On.CpuMicroseconds, cost.Off.CpuMicroseconds, cost.CpuPercent, DatabaseRun.CostPairs,
                string.Join(", ", cost.Pairs.Select(p => p.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%"))));
        }
    }

    public static void PrintExport(IReadOnlyList<ExportResult> exports)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("Users CSV export (streamed), each size in a fresh site process:");
        Console.WriteLine();
        Console.WriteLine($"| {"users",8} | {"rows",8} | {"CSV MiB",8} | {"seconds",8} | {"RSS before MiB",14} | {"RSS peak MiB",12} | {"peak - before MiB",17} |");
        Console.WriteLine($"|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 16)}|{new string('-', 14)}|{new string('-', 19)}|");
        foreach (var e in exports)
        {
            Console.WriteLine(string.Format(culture,
                "| {0,8} | {1,8} | {2,8:F1} | {3,8:F2} | {4,14:F1} | {5,12:F1} | {6,17:F1} |",
                e.Users, e.Rows, e.Bytes / 1048576.0, e.Duration.TotalSeconds, e.Before.CurrentMiB, e.After.PeakMiB, e.After.PeakMiB - e.Before.CurrentMiB));
        }

        Console.WriteLine();
        var small = exports[0];
        foreach (var large in exports.Skip(1))
        {
            Console.WriteLine(string.Format(culture,
                "Export peak RSS: {0:F1} MiB with {1:N0} users, {2:F1} MiB with {3:N0} users: ratio {4:F2}x for {5:N0}x the rows.",
                small.After.PeakMiB, small.Users, large.After.PeakMiB, large.Users, large.After.PeakMiB / small.After.PeakMiB, large.Users / small.Users));
            small = large;
        }
    }
}

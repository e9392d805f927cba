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

    /// <summary>Each page's requests/s with metrics against without (the rows named "..., metrics off").</summary>
    public static void PrintMetricsCost(IReadOnlyList<WrkResult> results)
    {
        Console.WriteLine();
        foreach (var on in results.Where(r => !r.Name.EndsWith(", metrics off", StringComparison.Ordinal)))
        {
            if (results.FirstOrDefault(r => r.Name == $"{on.Name}, metrics off") is { } off)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "Metrics cost on the {0}: {1:F1} req/s with, {2:F1} without ({3:+0.0;-0.0}%).",
                    on.Name, on.RequestsPerSecond, off.RequestsPerSecond, (on.RequestsPerSecond / off.RequestsPerSecond - 1) * 100));
            }
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

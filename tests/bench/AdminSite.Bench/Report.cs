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
}

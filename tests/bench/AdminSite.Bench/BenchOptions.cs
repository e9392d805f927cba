using System.Globalization;

namespace AdminSite.Bench;

/// <summary>
/// <c>--seconds 15 --connections 32 --users 1000 [--threads N] [--view-seconds 3] [--view-warm-seconds 2] [--view-requests 30]
/// [--postgres "Host=...;Username=...;Password=...;Database=postgres"] [--sqlite-database path] [--views text]
/// [--skip-export]</c>.
/// </summary>
public sealed record BenchOptions(int Seconds, int Connections, int Users, int Threads, int ViewSeconds, int ViewWarmSeconds, int ViewRequests)
{
    private const string Usage =
        "Usage: AdminSite.Bench [--seconds 15] [--connections 32] [--users 1000] [--threads <cores>] " +
        "[--view-seconds 3] [--view-warm-seconds 2] [--view-requests 30] [--postgres <Npgsql connection string of a role with CREATEDB>] " +
        "[--sqlite-database <file: seeded once, then reused>] [--views <part of the view names to measure, or * for all>] [--skip-export]";

    private static readonly string[] TextOptions = ["--postgres", "--sqlite-database", "--views"];

    /// <summary>The PostgreSQL server to measure on as well (a database of its own is created and dropped).</summary>
    public string? Postgres { get; init; }

    /// <summary>A SQLite file to keep: seeded when it does not exist, measured as it is when it does.</summary>
    public string? SqliteDatabase { get; init; }

    /// <summary>
    /// Only the changelist views whose name contains this (all when null or <see cref="ChangeListViews.Every"/>);
    /// given, the pages and metrics pairs are left out.
    /// </summary>
    public string? Views { get; init; }

    public bool SkipExport { get; init; }

    public static BenchOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--seconds"] = 15,
            ["--connections"] = 32,
            ["--users"] = 1000,
            ["--threads"] = Math.Max(1, Environment.ProcessorCount),
            ["--view-seconds"] = 3,
            ["--view-warm-seconds"] = 2,
            ["--view-requests"] = 30,
        };
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipExport = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--skip-export")
            {
                skipExport = true;
                continue;
            }

            if (TextOptions.Contains(args[i]) && i + 1 < args.Length && args[i + 1].Length > 0)
            {
                texts[args[i]] = args[++i];
                continue;
            }

            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
                Console.Error.WriteLine(Usage);
                return null;
            }

            values[args[i]] = value;
            i++;
        }

        // A misspelt view would otherwise publish and seed for minutes, then measure nothing.
        if (texts.GetValueOrDefault("--views") is { } views && ChangeListViews.Matching(views).Count == 0)
        {
            Console.Error.WriteLine($"--views '{views}' names no view. The views: {string.Join(" | ", ChangeListViews.All.Select(v => v.Name))}. Or * for all of them.");
            return null;
        }

        // wrk needs at least one connection per thread.
        var threads = Math.Min(values["--threads"], values["--connections"]);
        return new BenchOptions(values["--seconds"], values["--connections"], values["--users"], threads, values["--view-seconds"], values["--view-warm-seconds"], values["--view-requests"])
        {
            Postgres = texts.GetValueOrDefault("--postgres"),
            SqliteDatabase = texts.GetValueOrDefault("--sqlite-database"),
            Views = texts.GetValueOrDefault("--views"),
            SkipExport = skipExport,
        };
    }
}

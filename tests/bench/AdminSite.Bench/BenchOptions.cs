using System.Globalization;

namespace AdminSite.Bench;

/// <summary>
/// <c>--seconds 15 --connections 32 --users 1000 [--threads N] [--view-seconds 3] [--view-requests 30]
/// [--postgres "Host=...;Username=...;Password=...;Database=postgres"]</c>.
/// </summary>
public sealed record BenchOptions(int Seconds, int Connections, int Users, int Threads, int ViewSeconds, int ViewRequests, string? Postgres)
{
    private const string Usage =
        "Usage: AdminSite.Bench [--seconds 15] [--connections 32] [--users 1000] [--threads <cores>] " +
        "[--view-seconds 3] [--view-requests 30] [--postgres <Npgsql connection string of a role with CREATEDB>]";

    public static BenchOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--seconds"] = 15,
            ["--connections"] = 32,
            ["--users"] = 1000,
            ["--threads"] = Math.Max(1, Environment.ProcessorCount),
            ["--view-seconds"] = 3,
            ["--view-requests"] = 30,
        };
        string? postgres = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--postgres" && i + 1 < args.Length && args[i + 1].Length > 0)
            {
                postgres = args[++i];
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

        // wrk needs at least one connection per thread.
        var threads = Math.Min(values["--threads"], values["--connections"]);
        return new BenchOptions(values["--seconds"], values["--connections"], values["--users"], threads,
            values["--view-seconds"], values["--view-requests"], postgres);
    }
}

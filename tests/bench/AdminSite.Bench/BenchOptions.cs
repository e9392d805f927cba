using System.Globalization;

namespace AdminSite.Bench;

/// <summary><c>--seconds 15 --connections 32 --users 1000 [--threads N]</c>.</summary>
public sealed record BenchOptions(int Seconds, int Connections, int Users, int Threads)
{
    public static BenchOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--seconds"] = 15,
            ["--connections"] = 32,
            ["--users"] = 1000,
            ["--threads"] = Math.Max(1, Environment.ProcessorCount),
        };
        for (var i = 0; i < args.Length; i++)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
                Console.Error.WriteLine("Usage: AdminSite.Bench [--seconds 15] [--connections 32] [--users 1000] [--threads <cores>]");
                return null;
            }

            values[args[i]] = value;
            i++;
        }

        // wrk needs at least one connection per thread.
        var threads = Math.Min(values["--threads"], values["--connections"]);
        return new BenchOptions(values["--seconds"], values["--connections"], values["--users"], threads);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using BuildEngine;

namespace Tools;

/// <summary>
/// A duration as Go's time.ParseDuration reads it (helm's --timeout, in Helm 3 and Helm 4 alike): numbers with
/// units, "90s", "5m", "1h30m", "1.5h". A bare number has no unit and is refused by helm, so it is refused here first.
/// </summary>
public static partial class GoDuration
{
    public static readonly ValueRule<string> Positive = new("a Go duration such as 90s, 5m or 1h30m", Problem);

    public static TimeSpan? Parse(string text)
    {
        if (!Pattern().IsMatch(text))
            return null;
        var ticks = 0.0;
        foreach (Match part in PartPattern().Matches(text))
            ticks += double.Parse(part.Groups["number"].Value, CultureInfo.InvariantCulture) * TicksPer(part.Groups["unit"].Value);
        return ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)ticks) : null;
    }

    private static string? Problem(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return "it has no unit (ns, us, ms, s, m or h)";
        return Parse(text) switch
        {
            null => "",
            { Ticks: <= 0 } => "it must be longer than zero",
            _ => null,
        };
    }

    private static double TicksPer(string unit) => unit switch
    {
        "ns" => 0.01,
        "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        _ => TimeSpan.TicksPerHour,
    };

    [GeneratedRegex(@"^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+\z")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?<number>\d+(\.\d*)?|\.\d+)(?<unit>ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex PartPattern();
}

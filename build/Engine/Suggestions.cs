namespace BuildEngine;

/// <summary>"Did you mean" answers for mistyped target and parameter names.</summary>
public static class Suggestions
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var key = Naming.MatchKey(input);
        var best = candidates
            .Select(candidate => (candidate, distance: Distance(key, Naming.MatchKey(candidate))))
            .OrderBy(pair => pair.distance)
            .FirstOrDefault();
        // Allow roughly one typo per three characters: close enough to be a slip, far enough to avoid nonsense.
        return best.candidate is not null && best.distance <= Math.Max(2, key.Length / 3) ? best.candidate : null;
    }

    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } match ? $" Did you mean '{match}'?" : "";

    /// <summary>Optimal string alignment distance: Levenshtein plus transpositions ("Tset" is one slip from "Test").</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}

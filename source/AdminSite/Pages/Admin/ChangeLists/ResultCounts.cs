using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>
/// What a changelist shows next to the search box: Django's "X results (Y total)". Matches are counted exactly
/// up to <see cref="ExactUpTo"/>; past it the list says "More than 1,000 results", as Django's
/// <c>show_full_result_count = False</c> gives up a count that costs more than the page. An exact count of a
/// million matches reads a million rows on every request; the first 1,001 are found in a few milliseconds, even
/// through the search index. A thousand is also as many as one action may change ("select all").
/// </summary>
public sealed class ResultCounts
{
    public const int ExactUpTo = 1_000;

    public int Matching { get; init; }

    public int Total { get; init; }

    /// <summary>False when more than <see cref="ExactUpTo"/> match: <see cref="Matching"/> is then a lower bound.</summary>
    public bool IsExact { get; init; } = true;

    /// <summary>"1 result", "42 results", or "More than 1,000 results".</summary>
    public string Describe(string singular, string plural) => IsExact
        ? $"{Matching.ToString(CultureInfo.InvariantCulture)} {(Matching == 1 ? singular : plural)}"
        : $"More than {ExactUpTo.ToString("N0", CultureInfo.InvariantCulture)} {plural}";

    /// <summary>
    /// Both counts in one query (a test counts the queries a changelist makes). <paramref name="matching"/> is
    /// null when nothing narrows the list: the total is then the count, exact however large (SQLite counts a
    /// whole table from its smallest index in a few milliseconds).
    /// </summary>
    public static async Task<ResultCounts> CountAsync<T>(IQueryable<T> all, IQueryable<T>? matching, CancellationToken cancellationToken)
    {
        if (matching is null)
        {
            var total = await all.CountAsync(cancellationToken);
            return new ResultCounts { Total = total, Matching = total };
        }

        var counts = await all
            .Take(1)
            .Select(_ => new { Total = all.Count(), Matching = matching.Take(ExactUpTo + 1).Count() })
            .SingleOrDefaultAsync(cancellationToken);
        return counts is null
            ? new ResultCounts()
            : new ResultCounts { Total = counts.Total, Matching = counts.Matching, IsExact = counts.Matching <= ExactUpTo };
    }
}

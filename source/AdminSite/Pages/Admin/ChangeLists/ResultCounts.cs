using System.Globalization;
using AdminSite.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>
/// What a changelist shows next to the search box: Django's "X results (Y total)". Matches are counted exactly
/// up to <see cref="ExactUpTo"/>; past it the list says "More than 1,000 results", as Django's
/// <c>show_full_result_count = False</c> gives up a count that costs more than the page. An exact count of a
/// million matches reads a million rows on every request; the first 1,001 are found in a few milliseconds, even
/// through the search index. A thousand is also as many as one action may change ("select all"). The total of a
/// large PostgreSQL table is its estimate (<see cref="TableSizeEstimate"/>).
/// </summary>
public sealed class ResultCounts
{
    public const int ExactUpTo = 1_000;

    /// <summary>What the list shows: every row when nothing narrows it, else the matches.</summary>
    public int Matching { get; init; }

    public CountKind Kind { get; init; } = CountKind.Exact;

    public int Total { get; init; }

    public bool IsTotalEstimated { get; init; }

    /// <summary>"1 result", "42 results", or "More than 1,000 results".</summary>
    public string Describe(string singular, string plural) => Kind == CountKind.AtLeast
        ? $"More than {ExactUpTo.ToString("N0", CultureInfo.InvariantCulture)} {plural}"
        : $"{Matching.ToString(CultureInfo.InvariantCulture)} {(Matching == 1 ? singular : plural)}";

    /// <summary>Django's "(1234 total)", or "about 1,000,000" for an estimate.</summary>
    public string TotalText => IsTotalEstimated
        ? $"about {Total.ToString("N0", CultureInfo.InvariantCulture)}"
        : Total.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Both counts in one query (a test counts the queries a changelist makes), or the estimate and the matches.
    /// <paramref name="matching"/> is null when nothing narrows the list: the total is then the count, exact however
    /// large on SQLite (kept by triggers for the users, counted for the smaller tables).
    /// </summary>
    public static async Task<ResultCounts> CountAsync<T>(DbContext db, IQueryable<T>? matching, CancellationToken cancellationToken) where T : class
    {
        // An IQueryable, not the DbSet: EF Core would run all.Count() below as a query of its own (QueryCountTests).
        IQueryable<T> all = db.Set<T>();
        var estimate = await TableSizeEstimate.ReadAsync<T>(db, cancellationToken);
        var kept = KeptCount<T>(db);
        if (matching is null)
        {
            var total = estimate ?? (kept is null
                ? await all.CountAsync(cancellationToken)
                : await all.Take(1).Select(_ => kept.Select(r => (int?)r).FirstOrDefault() ?? all.Count()).SingleOrDefaultAsync(cancellationToken));
            return new ResultCounts
            {
                Total = total,
                IsTotalEstimated = estimate is not null,
                Matching = total,
                Kind = estimate is null ? CountKind.Exact : CountKind.About,
            };
        }

        if (estimate is { } about)
        {
            return Bounded(about, await matching.Take(ExactUpTo + 1).CountAsync(cancellationToken), totalEstimated: true);
        }

        var counts = kept is null
            ? await all.Take(1)
                .Select(_ => new { Total = all.Count(), Matching = matching.Take(ExactUpTo + 1).Count() })
                .SingleOrDefaultAsync(cancellationToken)
            : await all.Take(1)
                .Select(_ => new { Total = kept.Select(r => (int?)r).FirstOrDefault() ?? all.Count(), Matching = matching.Take(ExactUpTo + 1).Count() })
                .SingleOrDefaultAsync(cancellationToken);
        return counts is null ? new ResultCounts() : Bounded(counts.Total, counts.Matching, totalEstimated: false);
    }

    /// <summary>
    /// The row count SQLite's triggers keep of <typeparamref name="T"/>'s table (<see cref="TableRowCount"/>), or null
    /// for a table without one. Read in the counting query itself, falling back to a count should its row be missing.
    /// </summary>
    private static IQueryable<int>? KeptCount<T>(DbContext db) where T : class
    {
        var table = db.Model.FindEntityType(typeof(T))!.GetTableName();
        return db is SqliteAdminDbContext sqlite && table is not null && TableRowCount.KeptFor.Contains(table)
            ? sqlite.TableRowCounts.Where(c => c.Table == table).Select(c => (int)c.Rows)
            : null;
    }

    private static ResultCounts Bounded(int total, int matching, bool totalEstimated) => new()
    {
        Total = total,
        IsTotalEstimated = totalEstimated,
        Matching = matching,
        Kind = matching <= ExactUpTo ? CountKind.Exact : CountKind.AtLeast,
    };
}

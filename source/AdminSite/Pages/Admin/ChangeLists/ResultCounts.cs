using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>What a changelist shows next to the search box: Django's "X results (Y total)".</summary>
public sealed class ResultCounts
{
    public int Matching { get; init; }

    public int Total { get; init; }

    /// <summary>Both counts in one query, however filtered (a test counts the queries a changelist makes).</summary>
    public static async Task<ResultCounts> CountAsync<T>(IQueryable<T> all, Expression<Func<T, bool>> matching, CancellationToken cancellationToken) =>
        await all
            .GroupBy(_ => 1)
            .Select(g => new ResultCounts { Total = g.Count(), Matching = g.AsQueryable().Count(matching) })
            .SingleOrDefaultAsync(cancellationToken) ?? new ResultCounts();
}

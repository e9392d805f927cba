using System.Globalization;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>
/// Django's paginator: 1-based pages, an out-of-range page falls back to the last one. With a count that is not exact
/// (<see cref="CountKind"/>) the last page is not known: a page asked for is taken as it is, and past a lower bound
/// the links end in an ellipsis.
/// </summary>
public sealed class Paginator
{
    public const int DefaultPerPage = 100;

    public Paginator(int count, int requestedPage, int perPage = DefaultPerPage, CountKind kind = CountKind.Exact)
    {
        Count = count;
        PerPage = perPage;
        Kind = kind;
        var pages = Math.Max(1, (count + perPage - 1) / perPage);
        Page = kind == CountKind.Exact ? Math.Clamp(requestedPage, 1, pages) : Math.Max(1, requestedPage);
        PageCount = Math.Max(pages, Page);
    }

    /// <summary>
    /// The page asked for, read with <paramref name="read"/>. When the count was not exact and the page lies past
    /// the last match, the matches are counted exactly (<paramref name="countExactly"/>, rarely needed) and the last
    /// page is read instead, as Django shows it for an out-of-range page.
    /// </summary>
    public static async Task<(Paginator Paginator, List<T> Rows)> ReadAsync<T>(
        ResultCounts counts, int requestedPage, Func<Paginator, Task<List<T>>> read, Func<Task<int>> countExactly)
    {
        var paginator = new Paginator(counts.Matching, requestedPage, kind: counts.Kind);
        var rows = await read(paginator);
        if (rows.Count == 0 && counts.Kind != CountKind.Exact && paginator.Page > 1)
        {
            paginator = new Paginator(await countExactly(), requestedPage);
            rows = await read(paginator);
        }

        return (paginator, rows);
    }

    public int Count { get; }

    public CountKind Kind { get; }

    /// <summary>"1,234", "more than 1,000" when the count is a lower bound, "about 1,000,000" for an estimate.</summary>
    public string CountText => Kind switch
    {
        CountKind.AtLeast => $"more than {(Count - 1).ToString("N0", CultureInfo.InvariantCulture)}",
        CountKind.About => $"about {Count.ToString("N0", CultureInfo.InvariantCulture)}",
        _ => Count.ToString("N0", CultureInfo.InvariantCulture),
    };

    public int PerPage { get; }

    public int PageCount { get; }

    public int Page { get; }

    public int Skip => (Page - 1) * PerPage;

    public bool IsMultiPage => PageCount > 1;

    /// <summary>Page numbers to link, with null for an ellipsis: both ends and a window around the current page.</summary>
    public IReadOnlyList<int?> ElidedRange(int onEachSide = 3, int onEnds = 2)
    {
        var pages = KnownRange(onEachSide, onEnds);
        return Kind == CountKind.AtLeast ? [.. pages, null] : pages;
    }

    private List<int?> KnownRange(int onEachSide, int onEnds)
    {
        if (PageCount <= (onEachSide + onEnds) * 2)
        {
            return Enumerable.Range(1, PageCount).Select(p => (int?)p).ToList();
        }

        var pages = new List<int?>();
        if (Page > 1 + onEachSide + onEnds + 1)
        {
            pages.AddRange(Enumerable.Range(1, onEnds).Select(p => (int?)p));
            pages.Add(null);
            pages.AddRange(Enumerable.Range(Page - onEachSide, onEachSide).Select(p => (int?)p));
        }
        else
        {
            pages.AddRange(Enumerable.Range(1, Page - 1).Select(p => (int?)p));
        }

        if (Page < PageCount - onEachSide - onEnds - 1)
        {
            pages.AddRange(Enumerable.Range(Page, onEachSide + 1).Select(p => (int?)p));
            pages.Add(null);
            pages.AddRange(Enumerable.Range(PageCount - onEnds + 1, onEnds).Select(p => (int?)p));
        }
        else
        {
            pages.AddRange(Enumerable.Range(Page, PageCount - Page + 1).Select(p => (int?)p));
        }

        return pages;
    }
}

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>Django's paginator: 1-based pages, an out-of-range page falls back to the last one.</summary>
public sealed class Paginator
{
    public const int DefaultPerPage = 100;

    public Paginator(int count, int requestedPage, int perPage = DefaultPerPage)
    {
        Count = count;
        PerPage = perPage;
        PageCount = Math.Max(1, (count + perPage - 1) / perPage);
        Page = Math.Clamp(requestedPage, 1, PageCount);
    }

    public int Count { get; }

    public int PerPage { get; }

    public int PageCount { get; }

    public int Page { get; }

    public int Skip => (Page - 1) * PerPage;

    public bool IsMultiPage => PageCount > 1;

    /// <summary>Page numbers to link, with null for an ellipsis: both ends and a window around the current page.</summary>
    public IReadOnlyList<int?> ElidedRange(int onEachSide = 3, int onEnds = 2)
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

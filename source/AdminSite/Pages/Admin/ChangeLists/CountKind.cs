namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>How much a changelist's count can be trusted, which decides what it says and how it pages.</summary>
public enum CountKind
{
    /// <summary>Counted: "1,234 users"; a page past the end shows the last one.</summary>
    Exact,

    /// <summary>Counting stopped at a bound (<see cref="ResultCounts.ExactUpTo"/>): "more than 1,000 users".</summary>
    AtLeast,

    /// <summary>PostgreSQL's estimate of a large table's rows (<see cref="TableSizeEstimate"/>): "about 1,000,000 users".</summary>
    About,
}

namespace AdminSite.Bench;

internal sealed record ChangeListView(string Name, string Path);

/// <summary>Every way of looking at the users changelist that must stay fast at scale.</summary>
internal static class ChangeListViews
{
    public const string ChangeList = "/admin/auth/user";

    /// <summary>What <c>--views</c> takes to measure every view and nothing else (no pages, no metrics pairs).</summary>
    public const string Every = "*";

    /// <summary>The views whose name contains <paramref name="text"/>; all of them for null or <see cref="Every"/>.</summary>
    public static IReadOnlyList<ChangeListView> Matching(string? text) =>
        text is null or Every ? All : [.. All.Where(v => v.Name.Contains(text, StringComparison.OrdinalIgnoreCase))];

    public static IReadOnlyList<ChangeListView> All { get; } =
    [
        new("default order (user name)", ChangeList),
        new("user name descending", $"{ChangeList}?o=-1"),
        new("email", $"{ChangeList}?o=2"),
        new("email descending", $"{ChangeList}?o=-2"),
        new("first name", $"{ChangeList}?o=3"),
        new("first name descending", $"{ChangeList}?o=-3"),
        new("last name", $"{ChangeList}?o=4"),
        new("last name descending", $"{ChangeList}?o=-4"),
        new("staff status", $"{ChangeList}?o=5"),
        new("staff status descending", $"{ChangeList}?o=-5"),
        new("filter staff", $"{ChangeList}?is_staff__exact=1"),
        new("filter not staff", $"{ChangeList}?is_staff__exact=0"),
        new("filter superuser", $"{ChangeList}?is_superuser__exact=1"),
        new("filter inactive", $"{ChangeList}?is_active__exact=0"),
        new("filter group", $"{ChangeList}?groups__id__exact={SeedUsers.GroupId}"),
        new("filter staff + active, by email", $"{ChangeList}?is_active__exact=1&is_staff__exact=1&o=2"),
        new("deep page p=5000", $"{ChangeList}?p=5000"),
        new("deep page p=5000, by last name", $"{ChangeList}?o=-4&p=5000"),
        new("search q=user5", $"{ChangeList}?q=user5"),
        new("search q=user5, p=500", $"{ChangeList}?q=user5&p=500"),
        new("search one user q=user123456", $"{ChangeList}?q=user123456"),
        new("search no match q=nobody", $"{ChangeList}?q=nobody"),
        new("search 2 letters q=zz", $"{ChangeList}?q=zz"),
        new("search 2 letters, many matches q=ce", $"{ChangeList}?q=ce"),
        new("search 1 letter q=j", $"{ChangeList}?q=j"),
        new("search 2 words q=ada lovelace", $"{ChangeList}?q=ada+lovelace"),
        new("search 3 words + filter", $"{ChangeList}?q=grace+hopper+example&is_staff__exact=1"),
    ];
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Extensions;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>
/// The changelist's query string, with Django's parameter names (<c>q</c> search, <c>o</c> ordering,
/// <c>p</c> page, <c>field__exact</c> filters) so links from the old admin keep working.
/// </summary>
public sealed partial class ChangeListQuery(IQueryCollection query)
{
    public const string Search = "q";
    public const string Order = "o";
    public const string Page = "p";

    public string? this[string key] => query.TryGetValue(key, out var value) ? value.ToString() : null;

    public string SearchText => this[Search]?.Trim() ?? "";

    public int PageNumber => int.TryParse(this[Page], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

    /// <summary>Whether anything narrows the list, which is when Django shows "X results (Y total)".</summary>
    public bool IsFiltered(IEnumerable<string> filterKeys) =>
        SearchText.Length > 0 || filterKeys.Any(k => !string.IsNullOrEmpty(this[k]));

    /// <summary>This query with some parameters changed (null removes one); any change but the page resets the page.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var values = query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(), StringComparer.Ordinal);
        if (changes.Any(c => c.Key != Page))
        {
            values.Remove(Page);
        }

        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        var builder = new QueryBuilder();
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!string.IsNullOrEmpty(value))
            {
                builder.Add(key, value);
            }
        }

        return builder.ToQueryString().Value is { Length: > 0 } q ? q : "?";
    }

    /// <summary>
    /// The most search terms used. Django has no limit, but each term adds a condition per searched column: a
    /// thousand words make a query SQLite refuses ("Expression tree is too large") and PostgreSQL plans slowly.
    /// </summary>
    public const int MaxSearchTerms = 20;

    public static readonly string TooManySearchTerms = $"Only the first {MaxSearchTerms} words of the search were used.";

    /// <summary>Search terms as Django splits them: on spaces, keeping "quoted phrases" whole; at most <see cref="MaxSearchTerms"/>.</summary>
    public IReadOnlyList<string> SearchTerms() => AllSearchTerms().Take(MaxSearchTerms).ToList();

    /// <summary>Whether the search has more terms than are used (the page then says so).</summary>
    public bool SearchTermsCut => AllSearchTerms().Skip(MaxSearchTerms).Any();

    private IEnumerable<string> AllSearchTerms() =>
        Terms().Matches(SearchText)
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .Where(t => t.Length > 0);

    [GeneratedRegex("\"([^\"]*)\"|(\\S+)")]
    private static partial Regex Terms();
}

using System.Linq.Expressions;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// What PostgreSQL's trigram indexes are asked for a search, besides the terms themselves. Given
/// <c>LIKE '%USER123456%'</c>, pg_trgm reads the posting list of every trigram of the term, and "USE" and "SER" are
/// in every "user..." name: a search that finds one user read 1,300 index pages, 150 ms a count at a million users.
/// A user matching a term holds every part of it, so the indexes can be asked instead for the term's rarest
/// three-character parts, in the same column (<c>LIKE '%R12%' AND LIKE '%456%'</c>: 64 pages, 7 ms); the planner
/// then reads only those and checks the term on the rows they find. Like SQLite's <see cref="UserSearchIndex"/>, the
/// lookup decides how fast, never what is found.
/// </summary>
internal static class PostgresSearchLookup
{
    private const int PartLength = 3;

    private const int PartsPerTerm = 2;

    /// <summary>
    /// A term whose rarest part is this many times commoner than another term's is left out of the lookup: "example"
    /// is in every e-mail address, and reading its lists costs more than checking it on the other terms' few rows.
    /// </summary>
    internal const double CommonTermRatio = 4;

    /// <summary>The lookup for <paramref name="terms"/>, or null when there is nothing to look up.</summary>
    public static async Task<Expression<Func<AdminUser, bool>>?> ForAsync(AdminDbContext db, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        var sample = await SearchedValueSample.ForAsync(db, cancellationToken);
        Expression<Func<AdminUser, bool>>? lookup = null;
        foreach (var parts in Choose(terms.Select(t => t.ToUpperInvariant()).ToList(), sample))
        {
            var term = parts.Count == 1 ? Holding(parts[0]) : Holding(parts[0], parts[1]);
            lookup = lookup is null ? term : lookup.AndAlso(term);
        }

        return lookup;
    }

    /// <summary>
    /// For each term looked up, the parts its users must hold: its rarest, with the next rarest where that is about
    /// as rare. A term is looked up only where it holds a part much commoner than those: otherwise the planner reads
    /// lists as short from the term's own LIKE, and a lookup on top of it is one more list to intersect ("ada
    /// lovelace", each part in a tenth of the names: 41 ms a count without, 68 ms with). Without statistics (a table
    /// never analyzed), or without a part the index can use, there is nothing to choose from. Terms much commoner
    /// than the rarest are left out.
    /// </summary>
    internal static List<List<string>> Choose(IReadOnlyList<string> upperTerms, SearchedValueSample sample)
    {
        if (sample.IsEmpty)
        {
            return [];
        }

        var terms = upperTerms
            .Select(term => Parts(term)
                .Select(p => new Part(p, term.IndexOf(p, StringComparison.Ordinal), Math.Max(SearchedValueSample.RarestShareTold, sample.ShareHolding(p))))
                .OrderBy(p => p.Share)
                .ToList())
            .Where(parts => parts.Count > 0)
            .ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        var rarest = terms.Min(parts => parts[0].Share);
        return terms
            .Where(parts => parts[0].Share <= CommonTermRatio * rarest)
            .Select(parts => (Asked: Asked(parts), Commonest: parts[^1].Share))
            .Where(t => t.Commonest > CommonTermRatio * t.Asked[^1].Share)
            .Select(t => t.Asked.Select(p => p.Text).ToList())
            .ToList();
    }

    /// <summary>
    /// A term's rarest part, then the rarest of the others about as rare that shares no character with it where there
    /// is one: overlapping parts say much the same (R12 and 123 of USER123456 held 1,100 users at a million, read
    /// from the table one by one, where R12 and 345 held 10).
    /// </summary>
    private static List<Part> Asked(List<Part> parts)
    {
        var first = parts[0];
        var others = parts.Skip(1)
            .Where(p => p.Share <= CommonTermRatio * first.Share)
            .OrderBy(p => p.Overlaps(first))
            .ThenBy(p => p.Share);
        return [first, .. others.Take(PartsPerTerm - 1)];
    }

    /// <summary>
    /// Every run of three ASCII letters and digits in the term. pg_trgm makes trigrams of words only (letters and
    /// digits); a part across a space or an @ would give it none, and an index asked for nothing reads all of itself.
    /// </summary>
    internal static IEnumerable<string> Parts(string term) =>
        Enumerable.Range(0, Math.Max(0, term.Length - PartLength + 1))
            .Select(i => term.Substring(i, PartLength))
            .Where(part => part.All(char.IsAsciiLetterOrDigit))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Users holding the text in one of the searched columns, as the trigram indexes (on these expressions) read it.</summary>
    private static Expression<Func<AdminUser, bool>> Holding(string text)
    {
        var pattern = Pattern(text);
        return u => EF.Functions.Like(u.NormalizedUserName!, pattern, UserSearch.LikeEscape)
            || EF.Functions.Like(u.NormalizedEmail!, pattern, UserSearch.LikeEscape)
            || EF.Functions.Like(u.FirstName.ToUpper(), pattern, UserSearch.LikeEscape)
            || EF.Functions.Like(u.LastName.ToUpper(), pattern, UserSearch.LikeEscape);
    }

    /// <summary>
    /// Users holding both parts in the same column: one index scan per column that intersects the two lists (three
    /// times faster than one scan per part).
    /// </summary>
    private static Expression<Func<AdminUser, bool>> Holding(string part, string other)
    {
        var (first, second) = (Pattern(part), Pattern(other));
        return u => (EF.Functions.Like(u.NormalizedUserName!, first, UserSearch.LikeEscape) && EF.Functions.Like(u.NormalizedUserName!, second, UserSearch.LikeEscape))
            || (EF.Functions.Like(u.NormalizedEmail!, first, UserSearch.LikeEscape) && EF.Functions.Like(u.NormalizedEmail!, second, UserSearch.LikeEscape))
            || (EF.Functions.Like(u.FirstName.ToUpper(), first, UserSearch.LikeEscape) && EF.Functions.Like(u.FirstName.ToUpper(), second, UserSearch.LikeEscape))
            || (EF.Functions.Like(u.LastName.ToUpper(), first, UserSearch.LikeEscape) && EF.Functions.Like(u.LastName.ToUpper(), second, UserSearch.LikeEscape));
    }

    private static string Pattern(string text) => $"%{UserSearch.EscapeLike(text)}%";

    /// <summary>A part of a term, where in the term it first starts, and the share of sampled values holding it.</summary>
    private sealed record Part(string Text, int At, double Share)
    {
        public bool Overlaps(Part other) => Math.Abs(At - other.At) < PartLength;
    }
}

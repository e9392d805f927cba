using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// PostgreSQL's index for a search whose every term is one or two characters long, which pg_trgm cannot answer (such
/// a term has no trigram, so <c>LIKE '%ZZ%'</c> read every user: 0.7 s at a million). The UserSearchPairs migration
/// indexes every character and every pair of neighbours of the four searched values; a user holding a term holds it
/// as one of those, so the users the index finds are a superset of the matches, which <see cref="UserSearch.Matches"/>
/// then narrows exactly. Like <see cref="PostgresSearchLookup"/>, it decides how fast, never what is found.
/// </summary>
internal static class PostgresPairLookup
{
    /// <summary>The indexed expression, as the migration wrote it: the planner uses the index only for the same one.</summary>
    private const string Pairs = """
        coalesce("UserSearchPairs"("NormalizedUserName"), '{}') || coalesce("UserSearchPairs"("NormalizedEmail"), '{}')
        || coalesce("UserSearchPairs"(upper("FirstName")), '{}') || coalesce("UserSearchPairs"(upper("LastName")), '{}')
        """;

    /// <summary>
    /// A term in more of the sampled values than this is not looked up. Its users are many, and reading them all from
    /// the index costs more than checking users in order until enough match: at a million users, a term one user in 30
    /// holds is found 1,001 times in about 30,000 rows, as many as the index would hand over.
    /// </summary>
    private const double MostShareLookedUp = 0.03;

    private const int LongestTerm = 2;

    /// <summary>The users that may match, or null where a term is longer (pg_trgm answers it) or every term is common.</summary>
    public static async Task<IQueryable<AdminUser>?> CandidatesAsync(AdminDbContext db, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var upper = terms.Select(t => t.ToUpperInvariant()).ToList();
        if (upper.Count == 0 || upper.Any(t => t.EnumerateRunes().Count() > LongestTerm || t.Contains('\0')))
        {
            return null;
        }

        var asked = Choose(upper, await SearchedValueSample.ForAsync(db, cancellationToken));
        return asked.Count == 0
            ? null
            : db.Users.FromSqlRaw(HoldingAll, new object[] { asked.ToArray() });
    }

    /// <summary>
    /// The users holding every term asked for (parameter 0), in SQL as FromSqlRaw reads it, a composite format: the
    /// braces of the empty array literals doubled.
    /// </summary>
    internal static readonly string HoldingAll =
        $$"""SELECT * FROM "AspNetUsers" WHERE ({{Pairs}}) @> """.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal) + "{0}";

    /// <summary>
    /// The terms looked up: the rarest, if rare enough, and those about as rare (within the trigram lookup's
    /// <see cref="PostgresSearchLookup.CommonTermRatio"/>; the others are checked on what the index finds). Without statistics (a table never
    /// analyzed) none, as the lookup could as well read every user.
    /// </summary>
    internal static List<string> Choose(IReadOnlyList<string> upperTerms, SearchedValueSample sample)
    {
        if (sample.IsEmpty)
        {
            return [];
        }

        var terms = upperTerms.Distinct(StringComparer.Ordinal)
            .Select(t => (Term: t, Share: sample.ShareHolding(t)))
            .OrderBy(t => t.Share)
            .ToList();
        var rarest = terms[0].Share;
        return rarest > MostShareLookedUp
            ? []
            : terms.Where(t => t.Share <= PostgresSearchLookup.CommonTermRatio * Math.Max(rarest, SearchedValueSample.RarestShareTold)).Select(t => t.Term).ToList();
    }
}

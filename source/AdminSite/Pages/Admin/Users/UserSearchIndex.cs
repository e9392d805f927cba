using System.Text;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// SQLite's search index: an FTS5 table of the trigrams of every user's upper-cased user name, e-mail and names
/// (<c>UserSearch</c>, kept in step by triggers, see the ChangeListIndexes migration), keyed through
/// <c>UserSearchRows</c>. A user matching a term contains every trigram of it, so the users holding a few of
/// those trigrams are a superset of the matches, which <see cref="UserSearch.Matches"/> then narrows exactly:
/// the index decides how fast, never what is found. Terms shorter than three characters have no trigram: where
/// a search holds only such terms, <c>UserSearchPairs</c> (the UserSearchPairs migration) finds the users holding
/// them, as it keeps every character and every pair of neighbours of the same values as a trigram of its own.
/// </summary>
internal static class UserSearchIndex
{
    /// <summary>
    /// FTS5 answers an AND of trigrams at the pace of the longest lists it walks ("USE" and "SER" are in every
    /// "user..." name), so each term is looked up by two of its rarest trigrams only, and by the second only where it
    /// is about as rare as the first (<see cref="CommonTermRatio"/>): "user5" by ER5 alone, not by SER too, in every
    /// name (7.7 ms for its 100,000 candidates at a million users, 37 ms with SER).
    /// </summary>
    private const int TrigramsPerTerm = 2;

    /// <summary>
    /// A term whose rarest trigram is this many times commoner than another term's is left out of the lookup, and so
    /// is a term's second trigram this many times commoner than its first: it narrows the candidates little and costs
    /// a long list ("example" of every e-mail address made "grace hopper example" cost 80 ms).
    /// </summary>
    private const long CommonTermRatio = 4;

    /// <summary>A term's trigrams whose rarity is measured: enough to find rare ones, few enough to stay one cheap query.</summary>
    private const int SampledPerTerm = 12;

    /// <summary>Terms looked up in the index; the others are only checked on what it finds.</summary>
    private const int IndexedTerms = 8;

    /// <summary>Rarity is how far (in row ids) a trigram's first <see cref="Sample"/> rows reach: one index probe each.</summary>
    private const int Sample = 64;

    /// <summary>
    /// The users that may match every term (all that do, and a few that do not): from the trigrams of the terms that
    /// have any, else from UserSearchPairs; null when no term can be looked up (one with a NUL). Costs one query that
    /// measures the candidate trigrams.
    /// </summary>
    public static async Task<Candidates?> CandidatesAsync(AdminDbContext db, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var upper = terms.Select(t => t.ToUpperInvariant()).ToList();
        var table = TrigramTable;
        var sampled = upper.Select(t => Sampled(Trigrams(t))).Where(t => t.Count > 0).Take(IndexedTerms).ToList();
        if (sampled.Count == 0)
        {
            table = PairTable;
            sampled = upper.Select(SpacedOut).Where(t => t.Count > 0).Take(IndexedTerms).ToList();
        }

        if (sampled.Count == 0)
        {
            return null;
        }

        var distinct = sampled.SelectMany(t => t).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToList();
        var reach = await ReachAsync(db, table, distinct, cancellationToken);
        var match = string.Join(" AND ", Chosen(sampled, reach).Select(Quote));

        // CROSS JOIN fixes the join order: the index's few rows drive, each user is then found by primary key. The
        // table is one of this class's two names; the match, the only text from the search, is a parameter.
        var sql = $$"""
            SELECT "u".* FROM "{{table}}"({0}) AS "s"
            CROSS JOIN "UserSearchRows" AS "r" CROSS JOIN "AspNetUsers" AS "u"
            WHERE "r"."RowId" = "s"."rowid" AND "u"."Id" = "r"."UserId"
            """;
        return new Candidates(db.Users.FromSqlRaw(sql, match), table, match);
    }

    /// <summary>
    /// The first of the <paramref name="candidates"/> in name order, or the last where
    /// <paramref name="descending"/>: no match comes before it. Read from UserSearchRows, which keeps each user's name
    /// (the UserSearchNames migration), never from a user row: "user5" has 100,000 candidates at a million users,
    /// found with their names in 40 ms, where reading their rows by Id took 320 ms. Null when there is no candidate,
    /// or one has no user name (it would sort before every name).
    /// </summary>
    public static Task<string?> FirstUserNameAsync(AdminDbContext db, Candidates candidates, bool descending, CancellationToken cancellationToken)
    {
        var end = descending ? "max" : "min";
        var sql = $$"""
            SELECT CASE WHEN count(*) = count("r"."UserName") THEN {{end}}("r"."UserName") END AS "Value"
            FROM "{{candidates.Table}}"({0}) AS "s" CROSS JOIN "UserSearchRows" AS "r" WHERE "r"."RowId" = "s"."rowid"
            """;
        return db.Database.SqlQueryRaw<string?>(sql, candidates.Match).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// The trigrams looked up, given each term's sampled trigrams and their <paramref name="reach"/>: of each term
    /// not far commoner than the rarest term, its rarest trigram, then the rarest of the others about as rare that
    /// shares no character with it where there is one. Overlapping trigrams say much the same ("345" and "456" of
    /// "user123456" left 302 candidates at a million users, read by Id at 10 µs each, where "123" and "456" left 2).
    /// </summary>
    internal static IEnumerable<string> Chosen(IReadOnlyList<List<Trigram>> sampled, IReadOnlyDictionary<string, long> reach)
    {
        var rarest = sampled.Select(t => t.Max(trigram => reach[trigram.Text])).Max();
        return sampled
            .Select(t => t.OrderByDescending(trigram => reach[trigram.Text]).ToList())
            .Where(t => reach[t[0].Text] >= rarest / CommonTermRatio)
            .SelectMany(t =>
            {
                var first = t[0];
                var others = t.Skip(1)
                    .Where(trigram => reach[trigram.Text] >= reach[first.Text] / CommonTermRatio)
                    .OrderBy(trigram => trigram.Overlaps(first))
                    .ThenByDescending(trigram => reach[trigram.Text]);
                return others.Take(TrigramsPerTerm - 1).Prepend(first);
            })
            .Select(t => t.Text)
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>Every run of three Unicode characters, as FTS5's trigram tokenizer cuts the indexed text, each where it first starts.</summary>
    internal static List<Trigram> Trigrams(string upper)
    {
        var runes = upper.EnumerateRunes().Select(r => r.ToString()).ToList();
        // A NUL would end the FTS5 query string early: such a term is left to the row-by-row check.
        if (runes.Contains("\0"))
        {
            return [];
        }

        return Enumerable.Range(0, Math.Max(0, runes.Count - 2))
            .Select(i => new Trigram(runes[i] + runes[i + 1] + runes[i + 2], i))
            .DistinctBy(t => t.Text, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A term of one or two characters as UserSearchPairs keeps it, between U+0001s: "Z" as U+0001 Z U+0001, "ZZ" as
    /// Z U+0001 Z; none for a longer term, which has trigrams of its own, or one with a NUL.
    /// </summary>
    internal static List<Trigram> SpacedOut(string upper)
    {
        var runes = upper.EnumerateRunes().Select(r => r.ToString()).ToList();
        return runes switch
        {
            _ when runes.Contains("\0") => [],
            [var only] => [new Trigram($"{Space}{only}{Space}", 0)],
            [var first, var second] => [new Trigram($"{first}{Space}{second}", 0)],
            _ => [],
        };
    }

    private const char Space = '\u0001';

    private const string TrigramTable = "UserSearch";

    private const string PairTable = "UserSearchPairs";

    private static List<Trigram> Sampled(List<Trigram> trigrams) => trigrams.Count <= SampledPerTerm
        ? trigrams
        : Enumerable.Range(0, SampledPerTerm).Select(i => trigrams[i * (trigrams.Count - 1) / (SampledPerTerm - 1)]).Distinct().ToList();

    /// <summary>
    /// For each trigram, the row id of its <see cref="Sample"/>th row: rare trigrams reach far (or have fewer
    /// rows: the most selective of all). Row ids grow with insertion, so the reach compares trigrams fairly.
    /// </summary>
    private static async Task<Dictionary<string, long>> ReachAsync(AdminDbContext db, string table, List<string> trigrams, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < trigrams.Count; i++)
        {
            sql.Append(i == 0 ? "" : " UNION ALL ")
                .Append($"SELECT {i} AS \"Position\", (SELECT \"rowid\" FROM \"{table}\"({{{i}}}) LIMIT 1 OFFSET {Sample - 1}) AS \"Reach\"");
        }

        var rows = await db.Database
            .SqlQueryRaw<TrigramReach>(sql.ToString(), trigrams.Select(Quote).ToArray<object>())
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => trigrams[r.Position], r => r.Reach ?? long.MaxValue, StringComparer.Ordinal);
    }

    /// <summary>An FTS5 string: in double quotes, which are doubled inside, so nothing in it is query syntax.</summary>
    private static string Quote(string trigram) => $"\"{trigram.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private sealed record TrigramReach(int Position, long? Reach);

    /// <summary>A trigram of a term, and the character (rune) of the term it starts at.</summary>
    internal sealed record Trigram(string Text, int At)
    {
        public bool Overlaps(Trigram other) => Math.Abs(At - other.At) < 3;
    }

    /// <summary>The users that may match, and the FTS5 query (<paramref name="Match"/>) of <paramref name="Table"/> that finds them.</summary>
    public sealed record Candidates(IQueryable<AdminUser> Users, string Table, string Match);
}

using System.Linq.Expressions;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The users changelist's search, as Django's: every term must be part of the user name, the e-mail address,
/// the first or the last name, ignoring case. This predicate is the definition; the search indexes
/// (<see cref="UserSearchIndex"/> on SQLite, trigram indexes on PostgreSQL) only find its matches faster.
/// </summary>
internal static class UserSearch
{
    /// <summary>
    /// Case is ignored by comparing upper case: the term's, as .NET makes it, with the normalized columns
    /// Identity fills the same way, and with upper() of the names (on SQLite the Unicode-aware one of
    /// SqliteUnicodeFunctions). Contains becomes instr() on SQLite, which no index answers, and LIKE on PostgreSQL,
    /// which its trigram indexes answer, helped by the lookup <see cref="PostgresSearchLookup"/> adds for terms
    /// holding parts every user has.
    /// (UserSearchExactnessTests hold both to the search as it was before the indexes.)
    /// </summary>
    public static Expression<Func<AdminUser, bool>> Matches(IEnumerable<string> terms, bool postgreSql)
    {
        Expression<Func<AdminUser, bool>> predicate = _ => true;
        foreach (var term in terms)
        {
            var upper = term.ToUpperInvariant();
            if (postgreSql)
            {
                predicate = predicate.AndAlso(u =>
                    u.NormalizedUserName!.Contains(upper)
                    || u.NormalizedEmail!.Contains(upper)
                    || u.FirstName.ToUpper().Contains(upper)
                    || u.LastName.ToUpper().Contains(upper));
            }
            else
            {
                // upper() is .NET's (SqliteUnicodeFunctions), a call out of SQLite per row that costs more than the
                // rest of the check. For a name without a character past ASCII it is ASCII upper-casing, which
                // SQLite's own LIKE matches case-insensitively: the same answer, without the call.
                var pattern = $"%{EscapeLike(upper)}%";
                predicate = predicate.AndAlso(u =>
                    u.NormalizedUserName!.Contains(upper)
                    || u.NormalizedEmail!.Contains(upper)
                    || (EF.Functions.Glob(u.FirstName, BeyondAscii) ? u.FirstName.ToUpper().Contains(upper) : EF.Functions.Like(u.FirstName, pattern, LikeEscape))
                    || (EF.Functions.Glob(u.LastName, BeyondAscii) ? u.LastName.ToUpper().Contains(upper) : EF.Functions.Like(u.LastName, pattern, LikeEscape)));
            }
        }

        return predicate;
    }

    internal const string LikeEscape = "\\";

    /// <summary>GLOB for "holds a character outside printable ASCII" (space to tilde).</summary>
    private const string BeyondAscii = "*[^ -~]*";

    internal static string EscapeLike(string value) =>
        value.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);
}

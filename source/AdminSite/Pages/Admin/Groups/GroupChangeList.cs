using System.Linq.Expressions;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;

namespace AdminSite.Pages.Admin.Groups;

/// <summary>The groups changelist's search, shared by the page and its "select all" bulk action.</summary>
public static class GroupChangeList
{
    /// <summary>Every search term must be part of the name, ignoring case.</summary>
    public static Expression<Func<AdminGroup, bool>> Predicate(ChangeListQuery query)
    {
        Expression<Func<AdminGroup, bool>> predicate = _ => true;
        foreach (var term in query.SearchTerms())
        {
            var upper = term.ToUpperInvariant();
            predicate = predicate.AndAlso(g => g.NormalizedName!.Contains(upper));
        }

        return predicate;
    }
}

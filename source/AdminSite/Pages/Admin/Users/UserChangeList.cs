using System.Linq.Expressions;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The users changelist's search, filters and ordering, from its query string: shared by the page and its
/// CSV export, so the export is exactly what the list shows (all pages of it).
/// </summary>
public static class UserChangeList
{
    public const string StaffFilter = "is_staff__exact";
    public const string SuperuserFilter = "is_superuser__exact";
    public const string ActiveFilter = "is_active__exact";
    public const string GroupFilter = "groups__id__exact";

    public static readonly string[] FilterKeys = [StaffFilter, SuperuserFilter, ActiveFilter, GroupFilter];

    public static readonly IReadOnlyList<string> Columns = ["Username", "Email address", "First name", "Last name", "Staff status"];

    public static SortOrder Sort(ChangeListQuery query) => SortOrder.Parse(query[ChangeListQuery.Order], Columns.Count);

    public static Expression<Func<AdminUser, bool>> Predicate(ChangeListQuery query, AdminDbContext db)
    {
        Expression<Func<AdminUser, bool>> predicate = _ => true;
        if (Flag(query, StaffFilter) is { } staff)
        {
            predicate = predicate.AndAlso(u => u.IsStaff == staff);
        }

        if (Flag(query, SuperuserFilter) is { } superuser)
        {
            predicate = predicate.AndAlso(u => u.IsSuperuser == superuser);
        }

        if (Flag(query, ActiveFilter) is { } active)
        {
            predicate = predicate.AndAlso(u => u.IsActive == active);
        }

        if (query[GroupFilter] is { Length: > 0 } groupId)
        {
            predicate = predicate.AndAlso(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == groupId));
        }

        // Every term must match somewhere, as in Django, ignoring case (SQLite's upper() is made Unicode-aware
        // by SqliteUnicodeFunctions). Contains becomes instr()/strpos(): % and _ are plain characters.
        foreach (var term in query.SearchTerms())
        {
            var upper = term.ToUpperInvariant();
            predicate = predicate.AndAlso(u =>
                u.NormalizedUserName!.Contains(upper)
                || u.NormalizedEmail!.Contains(upper)
                || u.FirstName.ToUpper().Contains(upper)
                || u.LastName.ToUpper().Contains(upper));
        }

        return predicate;
    }

    public static IQueryable<AdminUser> Order(IQueryable<AdminUser> users, SortOrder sort)
    {
        IOrderedQueryable<AdminUser>? ordered = null;
        foreach (var (column, descending) in sort.Columns)
        {
            ordered = column switch
            {
                1 => users.SortBy(ordered, u => u.UserName, descending),
                2 => users.SortBy(ordered, u => u.Email, descending),
                3 => users.SortBy(ordered, u => u.FirstName, descending),
                4 => users.SortBy(ordered, u => u.LastName, descending),
                _ => users.SortBy(ordered, u => u.IsStaff, descending),
            };
        }

        // A unique tie-breaker keeps pages stable: no row shows twice or never.
        return ordered!.ThenBy(u => u.Id);
    }

    private static bool? Flag(ChangeListQuery query, string key) => query[key] switch
    {
        "1" => true,
        "0" => false,
        _ => null,
    };
}

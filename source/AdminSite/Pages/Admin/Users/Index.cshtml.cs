using System.Linq.Expressions;
using AdminSite.Admin;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The users changelist. Whatever the filters, it reads the page with one query and both counts with
/// one more: no query per row (a test counts them).
/// </summary>
[RequirePermission(Permissions.ViewUser, Permissions.ChangeUser)]
public sealed class IndexModel(AdminDbContext db) : AdminPageModel
{
    public const string StaffFilter = "is_staff__exact";
    public const string SuperuserFilter = "is_superuser__exact";
    public const string ActiveFilter = "is_active__exact";
    public const string GroupFilter = "groups__id__exact";
    public const string DeleteSelected = "delete_selected";

    public static readonly string[] FilterKeys = [StaffFilter, SuperuserFilter, ActiveFilter, GroupFilter];

    public static readonly IReadOnlyList<string> Columns = ["Username", "Email address", "First name", "Last name", "Staff status"];

    public sealed record UserRow(string Id, string UserName, string? Email, string FirstName, string LastName, bool IsStaff);

    public ChangeListQuery Query { get; private set; } = new(new QueryCollection());

    public SortOrder Sort { get; private set; } = SortOrder.Parse(null, Columns.Count);

    public Paginator Paginator { get; private set; } = new(0, 1);

    public ResultCounts Counts { get; private set; } = new();

    public bool IsFiltered { get; private set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public IReadOnlyList<(string? Value, string Label)> GroupChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = new ChangeListQuery(Request.Query);
        Sort = SortOrder.Parse(Query[ChangeListQuery.Order], Columns.Count);
        IsFiltered = Query.IsFiltered(FilterKeys);

        var groups = await db.Roles.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        GroupChoices = groups.Select(g => ((string?)g.Id, g.Name ?? "")).ToList();

        var predicate = BuildPredicate();
        Counts = await db.Users
            .GroupBy(_ => 1)
            .Select(g => new ResultCounts { Total = g.Count(), Matching = g.AsQueryable().Count(predicate) })
            .SingleOrDefaultAsync(cancellationToken) ?? new ResultCounts();

        Paginator = new Paginator(Counts.Matching, Query.PageNumber);
        Rows = await Order(db.Users.AsNoTracking().Where(predicate))
            .Skip(Paginator.Skip)
            .Take(Paginator.PerPage)
            .Select(u => new UserRow(u.Id, u.UserName ?? "", u.Email, u.FirstName, u.LastName, u.IsStaff))
            .ToListAsync(cancellationToken);
    }

    public IActionResult OnPost([FromForm(Name = "action")] string? actionName, [FromForm(Name = "_selected_action")] string[] selected)
    {
        var back = Request.Path + Request.QueryString;
        if (string.IsNullOrEmpty(actionName))
        {
            Warning("No action selected.");
            return Redirect(back);
        }

        if (actionName != DeleteSelected)
        {
            Warning("Unknown action.");
            return Redirect(back);
        }

        if (!Access.Has(Permissions.DeleteUser))
        {
            return Forbid();
        }

        if (selected.Length == 0)
        {
            Warning("Items must be selected in order to perform actions on them. No items have been changed.");
            return Redirect(back);
        }

        return RedirectToPage("DeleteSelected", new { ids = selected });
    }

    private Expression<Func<AdminUser, bool>> BuildPredicate()
    {
        Expression<Func<AdminUser, bool>> predicate = _ => true;
        if (Flag(StaffFilter) is { } staff)
        {
            predicate = predicate.AndAlso(u => u.IsStaff == staff);
        }

        if (Flag(SuperuserFilter) is { } superuser)
        {
            predicate = predicate.AndAlso(u => u.IsSuperuser == superuser);
        }

        if (Flag(ActiveFilter) is { } active)
        {
            predicate = predicate.AndAlso(u => u.IsActive == active);
        }

        if (Query[GroupFilter] is { Length: > 0 } groupId)
        {
            predicate = predicate.AndAlso(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == groupId));
        }

        // Every term must match somewhere, as in Django, ignoring case (SQLite's upper() is made Unicode-aware
        // by SqliteUnicodeFunctions). Contains becomes instr()/strpos(): % and _ are plain characters.
        foreach (var term in Query.SearchTerms())
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

    private bool? Flag(string key) => Query[key] switch
    {
        "1" => true,
        "0" => false,
        _ => null,
    };

    private IQueryable<AdminUser> Order(IQueryable<AdminUser> users)
    {
        IOrderedQueryable<AdminUser>? ordered = null;
        foreach (var (column, descending) in Sort.Columns)
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
}

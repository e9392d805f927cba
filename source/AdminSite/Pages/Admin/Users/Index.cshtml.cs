using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The users changelist. Whatever the filters, it reads both counts with one query and the page with one more:
/// no query per row (a test counts them). At scale, see <see cref="UserChangeList"/> for how it picks the way to
/// read the page, and <see cref="ResultCounts"/> for where counting stops.
/// </summary>
[RequirePermission(Permissions.ViewUser, Permissions.ChangeUser)]
public sealed class IndexModel(AdminDbContext db, UserEditor editor) : ChangeListPageModel
{
    public const string DeleteSelected = "delete_selected";
    public const string ActivateSelected = "activate_selected";
    public const string DeactivateSelected = "deactivate_selected";

    public sealed record UserRow(string Id, string UserName, string? Email, string FirstName, string LastName, bool IsStaff);

    public ChangeListQuery Query { get; private set; } = new(new QueryCollection());

    public SortOrder Sort { get; private set; } = SortOrder.Parse(null, UserChangeList.Columns.Count);

    public Paginator Paginator { get; private set; } = new(0, 1);

    public ResultCounts Counts { get; private set; } = new();

    public bool IsFiltered { get; private set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public IReadOnlyList<(string? Value, string Label)> GroupChoices { get; private set; } = [];

    /// <summary>Bulk actions this user may run, as (value, label) for the action menu.</summary>
    public IReadOnlyList<(string Value, string Label)> Actions => Available(Access);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = new ChangeListQuery(Request.Query);
        if (Query.SearchTermsCut)
        {
            Warning(ChangeListQuery.TooManySearchTerms);
        }

        var list = new UserChangeList(Query);
        Sort = list.Sort;
        IsFiltered = Query.IsFiltered(UserChangeList.FilterKeys);

        GroupChoices = (await editor.AllGroupsAsync(cancellationToken)).Select(g => ((string?)g.Id, g.Name)).ToList();

        var matches = list.IsFiltered ? await list.FindAsync(db, cancellationToken) : null;
        Counts = await ResultCounts.CountAsync(db, matches?.Users, cancellationToken);
        (Paginator, var rows) = await Paginator.ReadAsync(Counts, Query.PageNumber,
            paginator => list.ReadPageAsync(db, matches, Counts, paginator,
                u => new UserRow(u.Id, u.UserName ?? "", u.Email, u.FirstName, u.LastName, u.IsStaff), cancellationToken),
            () => (matches?.Users ?? db.Users).CountAsync(cancellationToken));
        Rows = rows;
    }

    public IActionResult OnPost([FromForm(Name = "action")] string? actionName, [FromForm(Name = "_selected_action")] string[] selected) =>
        StartAction(actionName, selected, actionName switch
        {
            DeleteSelected => new BulkAction("DeleteSelected", Permissions.DeleteUser),
            ActivateSelected => new BulkAction("ActivateSelected", Permissions.ChangeUser),
            DeactivateSelected => new BulkAction("DeactivateSelected", Permissions.ChangeUser),
            _ => null,
        });

    public static IReadOnlyList<(string Value, string Label)> Available(AdminAccess access)
    {
        var actions = new List<(string, string)>();
        if (access.Has(Permissions.DeleteUser))
        {
            actions.Add((DeleteSelected, "Delete selected users"));
        }

        if (access.Has(Permissions.ChangeUser))
        {
            actions.Add((ActivateSelected, "Activate selected users"));
            actions.Add((DeactivateSelected, "Deactivate selected users"));
        }

        return actions;
    }
}

using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.ViewGroup, Permissions.ChangeGroup)]
public sealed class IndexModel(AdminDbContext db) : ChangeListPageModel
{
    public const string DeleteSelected = "delete_selected";

    public sealed record GroupRow(string Id, string Name);

    public ChangeListQuery Query { get; private set; } = new(new QueryCollection());

    public SortOrder Sort { get; private set; } = SortOrder.Parse(null, 1);

    public Paginator Paginator { get; private set; } = new(0, 1);

    public ResultCounts Counts { get; private set; } = new();

    public bool IsFiltered { get; private set; }

    public IReadOnlyList<GroupRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = new ChangeListQuery(Request.Query);
        if (Query.SearchTermsCut)
        {
            Warning(ChangeListQuery.TooManySearchTerms);
        }

        Sort = SortOrder.Parse(Query[ChangeListQuery.Order], 1);
        IsFiltered = Query.IsFiltered([]);

        var predicate = GroupChangeList.Predicate(Query);
        var filtered = db.Roles.AsNoTracking().Where(predicate);
        Counts = await ResultCounts.CountAsync(db, IsFiltered ? filtered : null, cancellationToken);
        var descending = Sort.Columns[0].Descending;
        (Paginator, var rows) = await Paginator.ReadAsync(Counts, Query.PageNumber,
            paginator => (descending ? filtered.OrderByDescending(g => g.Name) : filtered.OrderBy(g => g.Name)).ThenBy(g => g.Id)
                .Skip(paginator.Skip)
                .Take(paginator.PerPage)
                .Select(g => new GroupRow(g.Id, g.Name ?? ""))
                .ToListAsync(cancellationToken),
            () => filtered.CountAsync(cancellationToken));
        Rows = rows;
    }

    public IActionResult OnPost([FromForm(Name = "action")] string? actionName, [FromForm(Name = "_selected_action")] string[] selected) =>
        StartAction(actionName, selected, actionName == DeleteSelected ? new BulkAction("DeleteSelected", Permissions.DeleteGroup) : null);
}

using AdminSite.Admin;
using AdminSite.Authorization;
using AdminSite.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.ViewGroup, Permissions.ChangeGroup)]
public sealed class HistoryModel(AdminDbContext db) : AdminPageModel
{
    public History History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var name = await db.Roles.Where(g => g.Id == id).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken);
        var history = await History.LoadAsync(db, AdminModel.Group, id, name, new ChangeListQuery(Request.Query), cancellationToken);
        if (history is null)
        {
            return MissingObject(AdminModel.Group, id);
        }

        History = history;
        return Page();
    }
}

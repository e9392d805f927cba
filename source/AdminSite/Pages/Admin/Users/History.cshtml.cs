using AdminSite.Admin;
using AdminSite.Authorization;
using AdminSite.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>A user's change history; still readable after the user is deleted, since the log outlives it.</summary>
[RequirePermission(Permissions.ViewUser, Permissions.ChangeUser)]
public sealed class HistoryModel(AdminDbContext db) : AdminPageModel
{
    public History History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var name = await db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        var history = await History.LoadAsync(db, AdminModel.User, id, name, new ChangeListQuery(Request.Query), cancellationToken);
        if (history is null)
        {
            return MissingObject(AdminModel.User, id);
        }

        History = history;
        return Page();
    }
}

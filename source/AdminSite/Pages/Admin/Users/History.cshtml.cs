using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.Audit;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>A user's change history; still readable after the user is deleted, since the log outlives it.</summary>
[RequirePermission(Permissions.ViewUser, Permissions.ChangeUser)]
public sealed class HistoryModel(AdminDbContext db) : HistoryPageModel(db, AdminModel.User)
{
    protected override Task<string?> CurrentNameAsync(AdminDbContext db, string id, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
}

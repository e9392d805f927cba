using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.Audit;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.ViewGroup, Permissions.ChangeGroup)]
public sealed class HistoryModel(AdminDbContext db) : HistoryPageModel(db, AdminModel.Group)
{
    protected override Task<string?> CurrentNameAsync(AdminDbContext db, string id, CancellationToken cancellationToken) =>
        db.Roles.Where(g => g.Id == id).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken);
}

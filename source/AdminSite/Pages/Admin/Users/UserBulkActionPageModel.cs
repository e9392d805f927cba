using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>A bulk action on users: the ticked ones, or every match of the changelist, listed by user name.</summary>
public abstract class UserBulkActionPageModel(AdminDbContext db) : BulkActionPageModel<AdminUser>
{
    protected override Task<List<AdminUser>> FindAsync(List<string> ids, CancellationToken cancellationToken) =>
        db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.UserName).ToListAsync(cancellationToken);

    protected override async Task<List<AdminUser>> FindMatchingAsync(ChangeListQuery query, int limit, CancellationToken cancellationToken) =>
        await (await new UserChangeList(query).FindAsync(db, cancellationToken)).Users
            .OrderBy(u => u.UserName).Take(limit).ToListAsync(cancellationToken);
}

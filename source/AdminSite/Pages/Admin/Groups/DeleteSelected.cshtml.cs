using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.DeleteGroup)]
public sealed class DeleteSelectedModel(AdminDbContext db, GroupStore store) : BulkActionPageModel<AdminGroup>
{
    protected override Task<List<AdminGroup>> FindAsync(List<string> ids, CancellationToken cancellationToken) =>
        db.Roles.Where(g => ids.Contains(g.Id)).OrderBy(g => g.Name).ToListAsync(cancellationToken);

    protected override Task<List<AdminGroup>> FindMatchingAsync(ChangeListQuery query, int limit, CancellationToken cancellationToken) =>
        db.Roles.Where(GroupChangeList.Predicate(query)).OrderBy(g => g.Name).Take(limit).ToListAsync(cancellationToken);

    protected override async Task<string> ApplyAsync(CancellationToken cancellationToken)
    {
        await store.DeleteAsync(Access, Targets, cancellationToken);
        return $"Successfully deleted {Targets.Count} {(Targets.Count == 1 ? "group" : "groups")}.";
    }
}

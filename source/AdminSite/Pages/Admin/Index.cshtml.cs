using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin;

public sealed class IndexModel(AdminDbContext db) : AdminPageModel
{
    public sealed record ModelRow(AdminModel Model, ModelAccess Rights, int Count);

    /// <summary>An entry of "Recent actions"; <see cref="Url"/> is null when the object no longer exists.</summary>
    public sealed record RecentAction(AuditEntry Entry, string? Url);

    public IReadOnlyList<ModelRow> Models { get; private set; } = [];

    public IReadOnlyList<RecentAction> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ModelRow>();
        foreach (var model in AdminModel.All)
        {
            var rights = Access.For(model);
            if (!rights.Any)
            {
                continue;
            }

            var count = model == AdminModel.User
                ? await db.Users.CountAsync(cancellationToken)
                : await db.Roles.CountAsync(cancellationToken);
            rows.Add(new ModelRow(model, rights, count));
        }

        Models = rows;

        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.ActorId == Access.UserId)
            .OrderByDescending(e => e.ActionTime).ThenByDescending(e => e.Id)
            .Take(10)
            .ToListAsync(cancellationToken);
        var live = await ExistingObjectsAsync(entries, cancellationToken);
        Recent = entries
            .Select(e => new RecentAction(e, live.Contains((e.ObjectType, e.ObjectId)) ? ChangeUrl(e) : null))
            .ToList();
    }

    // Deleted objects are listed without a link, so look up which of the (at most ten) still exist.
    private async Task<HashSet<(string, string)>> ExistingObjectsAsync(List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var candidates = entries.Where(e => e.Action != AuditAction.Deleted).ToList();
        var userIds = candidates.Where(e => e.ObjectType == AdminModel.User.Key).Select(e => e.ObjectId).Distinct().ToList();
        var groupIds = candidates.Where(e => e.ObjectType == AdminModel.Group.Key).Select(e => e.ObjectId).Distinct().ToList();
        var live = new HashSet<(string, string)>();
        if (userIds.Count > 0)
        {
            var found = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
            live.UnionWith(found.Select(id => (AdminModel.User.Key, id)));
        }

        if (groupIds.Count > 0)
        {
            var found = await db.Roles.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
            live.UnionWith(found.Select(id => (AdminModel.Group.Key, id)));
        }

        return live;
    }

    private string? ChangeUrl(AuditEntry entry) =>
        AdminModel.Find(entry.ObjectType) is { } model ? Url.Page(model.ChangePage, new { id = entry.ObjectId }) : null;
}

using AdminSite.Admin;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.DeleteGroup)]
public sealed class DeleteSelectedModel(AdminDbContext db, GroupStore store) : AdminPageModel
{
    public IReadOnlyList<AdminGroup> Targets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string[] ids, CancellationToken cancellationToken)
    {
        Targets = await FindAsync(ids, cancellationToken);
        if (Targets.Count == 0)
        {
            Warning("Items must be selected in order to perform actions on them. No items have been changed.");
            return RedirectToPage("Index");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string[] ids, CancellationToken cancellationToken)
    {
        Targets = await FindAsync(ids, cancellationToken);
        if (Targets.Count == 0)
        {
            Warning("Items must be selected in order to perform actions on them. No items have been changed.");
            return RedirectToPage("Index");
        }

        await store.DeleteAsync(Access, Targets, cancellationToken);
        Success($"Successfully deleted {Targets.Count} {(Targets.Count == 1 ? "group" : "groups")}.");
        return RedirectToPage("Index");
    }

    private async Task<IReadOnlyList<AdminGroup>> FindAsync(string[] ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().Take(Paginator.DefaultPerPage * 10).ToList();
        return await db.Roles.Where(g => wanted.Contains(g.Id)).OrderBy(g => g.Name).ToListAsync(cancellationToken);
    }
}

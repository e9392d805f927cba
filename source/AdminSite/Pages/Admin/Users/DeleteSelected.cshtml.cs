using AdminSite.Admin;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>The "Delete selected users" action: a confirmation listing what goes, then one audit entry per user.</summary>
[RequirePermission(Permissions.DeleteUser)]
public sealed class DeleteSelectedModel(AdminDbContext db, UserDeleter deleter, PrivilegeGuard guard) : AdminPageModel
{
    public IReadOnlyList<AdminUser> Targets { get; private set; } = [];

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

        if (Targets.Any(u => u.Id == Access.UserId))
        {
            Error(UserDeleter.CannotDeleteSelf + " No users were deleted.");
            return RedirectToPage("Index");
        }

        if ((await guard.CannotManageAsync(Access, Targets, cancellationToken)).Values.FirstOrDefault() is { } reason)
        {
            Error(reason + " No users were deleted.");
            return RedirectToPage("Index");
        }

        await deleter.DeleteAsync(Access, Targets, cancellationToken);
        Success($"Successfully deleted {Targets.Count} {(Targets.Count == 1 ? "user" : "users")}.");
        return RedirectToPage("Index");
    }

    private async Task<IReadOnlyList<AdminUser>> FindAsync(string[] ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().Take(Paginator.DefaultPerPage * 10).ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
    }
}

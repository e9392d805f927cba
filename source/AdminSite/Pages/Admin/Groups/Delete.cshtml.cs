using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.DeleteGroup)]
public sealed class DeleteModel(RoleManager<AdminGroup> roles, AdminDbContext db, GroupStore store) : AdminPageModel
{
    public AdminGroup Subject { get; private set; } = new();

    public int Members { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await roles.FindByIdAsync(id) is not { } group)
        {
            return MissingObject(AdminModel.Group, id);
        }

        Subject = group;
        Members = await db.UserRoles.CountAsync(ur => ur.RoleId == id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await roles.FindByIdAsync(id) is not { } group)
        {
            return MissingObject(AdminModel.Group, id);
        }

        await store.DeleteAsync(Access, [group], cancellationToken);
        Success($"The group “{group.Name}” was deleted successfully.");
        return RedirectToPage("Index");
    }
}

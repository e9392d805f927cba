using AdminSite.Authorization;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.Users;

[RequirePermission(Permissions.DeleteUser)]
public sealed class DeleteModel(UserManager<AdminUser> users, UserDeleter deleter, PrivilegeGuard guard) : AdminPageModel
{
    public AdminUser Subject { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return MissingObject(AdminModel.User, id);
        }

        Subject = user;
        if (await guard.CannotManageAsync(Access, user, cancellationToken) is { } reason)
        {
            Error(reason);
            return RedirectToPage("Change", new { id });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return MissingObject(AdminModel.User, id);
        }

        Subject = user;
        if (user.Id == Access.UserId)
        {
            Error(UserDeleter.CannotDeleteSelf);
            return RedirectToPage();
        }

        if (await guard.CannotManageAsync(Access, user, cancellationToken) is { } reason)
        {
            Error(reason);
            return RedirectToPage("Change", new { id });
        }

        await deleter.DeleteAsync(Access, [user], cancellationToken);
        Success($"The user “{user.UserName}” was deleted successfully.");
        return RedirectToPage("Index");
    }
}

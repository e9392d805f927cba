using System.ComponentModel.DataAnnotations;
using AdminSite.Authorization;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.Users;

/// <summary>Django's admin "change password" form: set a user's password without knowing the old one.</summary>
[RequirePermission(Permissions.ChangeUser)]
public sealed class PasswordModel(UserManager<AdminUser> users, UserEditor editor, PrivilegeGuard guard) : AdminPageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public AdminUser Subject { get; private set; } = new();

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(4096)]
        [DataType(DataType.Password)]
        public string Password1 { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(4096)]
        [DataType(DataType.Password)]
        public string Password2 { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return MissingObject(AdminModel.User, id);
        }

        Subject = user;
        return await RefusedAsync(cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return MissingObject(AdminModel.User, id);
        }

        Subject = user;
        if (await RefusedAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        PasswordConfirmation.Check(ModelState, Input.Password1, Input.Password2, "Input.Password1", "Input.Password2");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await editor.SetPasswordAsync(Access, user, Input.Password1, cancellationToken);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "Password2");
            return Page();
        }

        Success("Password changed successfully.");
        return RedirectToPage("Change", new { id });
    }

    // Setting the password of an account more powerful than your own would make you that account.
    private async Task<IActionResult?> RefusedAsync(CancellationToken cancellationToken)
    {
        if (await guard.CannotManageAsync(Access, Subject, cancellationToken) is not { } reason)
        {
            return null;
        }

        Error(reason);
        return RedirectToPage("Change", new { id = Subject.Id });
    }
}

using System.ComponentModel.DataAnnotations;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.Users;

/// <summary>Django's admin "change password" form: set a user's password without knowing the old one.</summary>
[RequirePermission(Permissions.ChangeUser)]
public sealed class PasswordModel(UserManager<AdminUser> users, SignInManager<AdminUser> signIn, AdminDbContext db, AuditLog audit, PrivilegeGuard guard)
    : AdminPageModel
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

        PasswordConfirmation.Check(ModelState, Input.Password1, Input.Password2, "Input.Password2");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, Input.Password1);
        if (!result.Succeeded)
        {
            IdentityErrors.AddTo(ModelState, result.Errors, "Input", "Password2");
            return Page();
        }

        audit.Changed(Access, AdminModel.User, user.Id, user.UserName!, [], "Changed password.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // A new password rotates the security stamp, which signs the user out everywhere; not the admin doing it.
        if (user.Id == Access.UserId)
        {
            await signIn.RefreshSignInAsync(user);
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

using System.ComponentModel.DataAnnotations;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin;

/// <summary>Any staff member changes their own password; the session survives (the cookie gets the new stamp).</summary>
public sealed class PasswordChangeModel(UserManager<AdminUser> users, SignInManager<AdminUser> signIn, AdminDbContext db, AuditLog audit) : AdminPageModel
{
    [BindProperty]
    public PasswordChangeInput Input { get; set; } = new();

    public sealed class PasswordChangeInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(4096)]
        [DataType(DataType.Password)]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(4096)]
        [DataType(DataType.Password)]
        public string NewPassword1 { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(4096)]
        [DataType(DataType.Password)]
        public string NewPassword2 { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PasswordConfirmation.Check(ModelState, Input.NewPassword1, Input.NewPassword2, "Input.NewPassword1", "Input.NewPassword2");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword1);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.OldPassword" : "Input.NewPassword2";
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        audit.Changed(Access, AdminModel.User, user.Id, user.UserName!, [], "Changed password.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.RefreshSignInAsync(user);
        Success("Your password was changed.");
        return RedirectToPage("/Admin/Index");
    }
}

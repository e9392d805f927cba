using System.ComponentModel.DataAnnotations;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.Users;

/// <summary>Django's two-step add: user name and password here, everything else on the change page after.</summary>
[RequirePermission(Permissions.AddUser)]
public sealed class AddModel(UserManager<AdminUser> users, AdminDbContext db, AuditLog audit, TimeProvider time) : AdminPageModel
{
    [BindProperty]
    public AddInput Input { get; set; } = new();

    public sealed class AddInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(AdminUser.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
        [Display(Name = "Username")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(4096)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password1 { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(4096)]
        [DataType(DataType.Password)]
        [Display(Name = "Password confirmation")]
        public string Password2 { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "_addanother")] string? addAnother, CancellationToken cancellationToken)
    {
        PasswordConfirmation.Check(ModelState, Input.Password1, Input.Password2, "Input.Password2");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new AdminUser { UserName = Input.UserName.Trim(), DateJoined = time.GetUtcNow().UtcDateTime };
        var errors = await IdentityErrors.ValidateAsync(users, user, Input.Password1);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "Password2");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, Input.Password1);
        if (!result.Succeeded)
        {
            IdentityErrors.AddTo(ModelState, result.Errors, "Input", "Password2");
            return Page();
        }

        audit.Added(Access, AdminModel.User, user.Id, user.UserName, FieldChange.Added(AuditValues.User(user, [], [])));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (addAnother is not null)
        {
            Success($"The user “{user.UserName}” was added successfully. You may add another user below.");
            return RedirectToPage();
        }

        Success($"The user “{user.UserName}” was added successfully. You may edit it again below.");
        return RedirectToPage("Change", new { id = user.Id });
    }
}

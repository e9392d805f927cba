using System.ComponentModel.DataAnnotations;
using AdminSite.Authorization;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.Users;

/// <summary>Django's two-step add: user name and password here, everything else on the change page after.</summary>
[RequirePermission(Permissions.AddUser)]
public sealed class AddModel(UserEditor editor) : AdminPageModel
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

        var (user, errors) = await editor.AddAsync(Access, Input.UserName, Input.Password1, cancellationToken);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "Password2");
            return Page();
        }

        if (addAnother is not null)
        {
            Success($"The user “{user.UserName}” was added successfully. You may add another user below.");
            return RedirectToPage();
        }

        Success($"The user “{user.UserName}” was added successfully. You may edit it again below.");
        return RedirectToPage("Change", new { id = user.Id });
    }
}

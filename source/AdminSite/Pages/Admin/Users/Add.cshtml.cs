using System.ComponentModel.DataAnnotations;
using AdminSite.Authorization;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

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
        // Every error at once, as Django's form shows them: the user name's beside the passwords'. The password
        // validators judge only a password typed the same twice (Django's too).
        // Model binding leaves an empty field null, whatever the property's type says.
        var userName = Input.UserName ?? "";
        var nameValid = ModelState.GetFieldValidationState("Input.UserName") != ModelValidationState.Invalid;
        var passwordsMatch = PasswordConfirmation.Check(ModelState, Input.Password1, Input.Password2, "Input.Password1", "Input.Password2");
        var errors = await editor.ValidateNewAsync(userName, nameValid, passwordsMatch ? Input.Password1 : null);
        IdentityErrors.AddTo(ModelState, errors, "Input", "Password2");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (user, addErrors) = await editor.AddAsync(Access, userName, Input.Password1, cancellationToken);
        if (addErrors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, addErrors, "Input", "Password2");
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

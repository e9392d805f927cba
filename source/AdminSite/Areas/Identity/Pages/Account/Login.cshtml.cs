using System.ComponentModel.DataAnnotations;
using AdminSite.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminSite.Areas.Identity.Pages.Account;

/// <summary>
/// Identity's login, changed to Django's: by user name, staff only, lockout counted, and a return URL
/// that can only lead back into this site.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<AdminUser> signInManager, UserManager<AdminUser> users, TimeProvider time) : PageModel
{
    public const string InvalidLogin =
        "Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.";

    public const string DefaultReturnUrl = "/admin/";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = DefaultReturnUrl;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "This field is required.")]
        [Display(Name = "Username")]
        [StringLength(AdminUser.NameMaxLength)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [DataType(DataType.Password)]
        [StringLength(4096)]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet(string? returnUrl = null)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        // Already signed in (and still staff): go where the user was heading.
        return User.Identity?.IsAuthenticated == true && returnUrl is not null ? LocalRedirect(ReturnUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.UserName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        if (!result.Succeeded)
        {
            // One message for a wrong password, an unknown, inactive or non-staff user: no account enumeration.
            ModelState.AddModelError("", InvalidLogin);
            return Page();
        }

        if (await users.FindByNameAsync(Input.UserName) is { } user)
        {
            user.LastLogin = time.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(ReturnUrl);
    }

    /// <summary>Only a path on this site; anything else (other hosts, //host, /\host) goes to the admin home.</summary>
    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : DefaultReturnUrl;
}

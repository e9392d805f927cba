using System.ComponentModel.DataAnnotations;
using AdminSite.Authorization;
using AdminSite.Identity;
using AdminSite.Observability;
using AdminSite.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AdminSite.Areas.Identity.Pages.Account;

/// <summary>
/// Identity's login, changed to Django's: by user name, staff only, lockout counted, and a return URL
/// that can only lead back into this site. Accounts with two-factor authentication continue to the code.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(LoginRateLimitOptions.PolicyName)]
public sealed class LoginModel(AdminSignInManager signInManager, UserManager<AdminUser> users, TimeProvider time, AdminAccessProvider access, SiteMetrics metrics)
    : PageModel
{
    public const string InvalidLogin =
        "Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = LocalUrls.Home;

    /// <summary>Who is signed in already (without the right to the admin, or the form would have sent them on), or null.</summary>
    public string? SignedInAs { get; private set; }

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

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null, CancellationToken cancellationToken = default)
    {
        ReturnUrl = LocalUrls.OrHome(Url, returnUrl);
        // Already signed in as staff: go where the user was heading (Django sends them on too). Anyone else
        // signed in sees the form, with Django's offer to log in as somebody else.
        if (User.Identity?.IsAuthenticated == true && (await access.GetAsync(User, cancellationToken)).IsStaff)
        {
            return LocalRedirect(ReturnUrl);
        }

        SignedInAs = SignedInName();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = LocalUrls.OrHome(Url, returnUrl);
        SignedInAs = SignedInName();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Unknown, inactive and non-staff names fail, and lock, exactly like a wrong password does.
        var result = await signInManager.PasswordLoginAsync(Input.UserName, Input.Password);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { returnUrl = ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            metrics.LoginLockedOut();
            return RedirectToPage("./Lockout");
        }

        if (!result.Succeeded)
        {
            return Invalid();
        }

        await LastLogin.RecordAsync(users, (await users.FindByNameAsync(Input.UserName))!, time);
        metrics.LoginSucceeded();
        return LocalRedirect(ReturnUrl);
    }

    private string? SignedInName() => User.Identity?.IsAuthenticated == true ? User.Identity.Name : null;

    // One message for a wrong password, an unknown, inactive or non-staff user: no account enumeration.
    private PageResult Invalid()
    {
        metrics.LoginFailed();
        ModelState.AddModelError("", InvalidLogin);
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
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
public sealed class LoginModel(SignInManager<AdminUser> signInManager, UserManager<AdminUser> users, PhantomLockout phantom, TimeProvider time, SiteMetrics metrics) : PageModel
{
    public const string InvalidLogin =
        "Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = LocalUrls.Home;

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
        ReturnUrl = LocalUrls.OrHome(Url, returnUrl);
        // Already signed in (and still staff): go where the user was heading.
        return User.Identity?.IsAuthenticated == true && returnUrl is not null ? LocalRedirect(ReturnUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null, CancellationToken cancellationToken = default)
    {
        ReturnUrl = LocalUrls.OrHome(Url, returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(Input.UserName);
        if (user is null || !await signInManager.CanSignInAsync(user))
        {
            // Unknown, inactive and non-staff names fail, and lock, exactly like a wrong password does.
            return await phantom.FailAsync(Input.UserName, Input.Password, cancellationToken) ? LockedOut() : Invalid();
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { returnUrl = ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            return LockedOut();
        }

        if (!result.Succeeded)
        {
            return Invalid();
        }

        await LastLogin.RecordAsync(users, user, time);
        metrics.LoginSucceeded();
        return LocalRedirect(ReturnUrl);
    }

    // One message for a wrong password, an unknown, inactive or non-staff user: no account enumeration.
    private PageResult Invalid()
    {
        metrics.LoginFailed();
        ModelState.AddModelError("", InvalidLogin);
        return Page();
    }

    private RedirectToPageResult LockedOut()
    {
        metrics.LoginLockedOut();
        return RedirectToPage("./Lockout");
    }
}

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
/// The second step of logging in: a code from the authenticator app, or one of the recovery codes, in one
/// field. Wrong codes of either kind count towards the name's lockout and the address's login rate limit.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(LoginRateLimitOptions.PolicyName)]
public sealed class LoginWith2faModel(AdminSignInManager signInManager, UserManager<AdminUser> users, TimeProvider time, SiteMetrics metrics) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = LocalUrls.Home;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(32, ErrorMessage = "That code is too long.")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = LocalUrls.OrHome(Url, returnUrl);
        return await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? Restart() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = LocalUrls.OrHome(Url, returnUrl);
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Restart();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = TwoFactorCode.WithoutSpaces(Input.Code);
        var usedRecoveryCode = !TwoFactorCode.IsAuthenticatorCode(code);
        var result = await signInManager.TwoFactorLoginAsync(user, code, usedRecoveryCode);
        if (result.IsLockedOut)
        {
            metrics.LoginLockedOut();
            return RedirectToPage("./Lockout");
        }

        if (!result.Succeeded)
        {
            metrics.TwoFactorFailed();
            ModelState.AddModelError("Input.Code", TwoFactorCode.Invalid);
            return Page();
        }

        await LastLogin.RecordAsync(users, user, time);
        metrics.LoginSucceeded();
        if (usedRecoveryCode)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            TempData.AddMessage(MessageLevel.Warning,
                $"You logged in with a recovery code; {left} {(left == 1 ? "is" : "are")} left. Each works only once: generate new ones if you are running low.");
        }

        return LocalRedirect(ReturnUrl);
    }

    // No password step behind this request (or it is more than five minutes old): start again.
    private RedirectToPageResult Restart() => RedirectToPage("./Login", new { returnUrl = ReturnUrl });
}

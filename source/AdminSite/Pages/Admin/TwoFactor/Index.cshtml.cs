using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminSite.Pages.Admin.TwoFactor;

/// <summary>
/// The signed-in staff member's own two-factor settings. Changing them takes a current code, so a session
/// left open on someone else's screen cannot swap the authenticator for another one.
/// </summary>
[EnableRateLimiting(LoginRateLimitOptions.PolicyName)]
public sealed class IndexModel(
    UserManager<AdminUser> users, SignInManager<AdminUser> signIn, TwoFactorEnrolment enrolment, IOptions<SecurityOptions> security, LoginLockout lockout)
    : AdminPageModel
{
    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool Required => security.Value.RequireTwoFactorForSuperusers && Access.IsSuperuser;

    /// <summary>Set only in the response that created them: recovery codes are shown once.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        if (await VerifiedUserAsync() is not { } user)
        {
            return Page();
        }

        NewRecoveryCodes = await enrolment.RegenerateRecoveryCodesAsync(Access, user, cancellationToken);
        RecoveryCodesLeft = NewRecoveryCodes.Count;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        if (await VerifiedUserAsync() is not { } user)
        {
            return Page();
        }

        await enrolment.DisableAsync(Access, user, "Reset two-factor authentication.", cancellationToken);
        await signIn.RefreshSignInAsync(user);
        Warning("Your authenticator app was removed. Set it up again to turn two-factor authentication back on.");
        return RedirectToPage("Setup");
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        if (Required)
        {
            Error("Superusers must keep two-factor authentication on.");
            return RedirectToPage();
        }

        if (await VerifiedUserAsync() is not { } user)
        {
            return Page();
        }

        await enrolment.DisableAsync(Access, user, "Disabled two-factor authentication.", cancellationToken);
        await signIn.RefreshSignInAsync(user);
        Success("Two-factor authentication is off.");
        return RedirectToPage();
    }

    private async Task<AdminUser?> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return null;
        }

        Enabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        return user;
    }

    // The user, once the code typed with the request proves they hold the authenticator (or a recovery code).
    private async Task<AdminUser?> VerifiedUserAsync()
    {
        var user = await LoadAsync();
        if (user is null || !Enabled)
        {
            ModelState.AddModelError(nameof(Code), "Two-factor authentication is not on.");
            return null;
        }

        var code = TwoFactorCode.WithoutSpaces(Code ?? "");
        var valid = TwoFactorCode.IsAuthenticatorCode(code)
            ? await enrolment.VerifyAsync(user, code)
            : code.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded;
        if (!valid)
        {
            // Guessing codes here counts like guessing them at login.
            await lockout.FailAsync(user.UserName ?? "", HttpContext.RequestAborted);
            ModelState.AddModelError(nameof(Code), TwoFactorCode.Invalid);
            return null;
        }

        return user;
    }
}

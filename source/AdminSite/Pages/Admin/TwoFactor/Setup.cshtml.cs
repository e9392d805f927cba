using System.ComponentModel.DataAnnotations;
using AdminSite.Identity;
using AdminSite.Pages.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminSite.Pages.Admin.TwoFactor;

/// <summary>Enrols an authenticator app: scan (or type) the key, prove it with a code, receive recovery codes once.</summary>
[EnableRateLimiting(LoginRateLimitOptions.PolicyName)]
public sealed class SetupModel(
    UserManager<AdminUser> users, SignInManager<AdminUser> signIn, TwoFactorEnrolment enrolment, IOptions<AdminSiteOptions> site) : AdminPageModel
{
    public string QrCodeDataUri { get; private set; } = "";

    public string ReadableKey { get; private set; } = "";

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(16, ErrorMessage = "Enter the 6-digit code.")]
    public string Code { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("Index");
        }

        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("Index");
        }

        if (ModelState.IsValid)
        {
            RecoveryCodes = await enrolment.EnableAsync(Access, user, Code, cancellationToken);
            if (RecoveryCodes is not null)
            {
                // Turning it on rotated the security stamp: other sessions end, this one carries on.
                await signIn.RefreshSignInAsync(user);
                return Page();
            }

            ModelState.AddModelError(nameof(Code), "That code is not valid, or was already used. Check that your device’s clock is right and enter the next code it shows.");
        }

        await ShowKeyAsync(user);
        return Page();
    }

    private async Task ShowKeyAsync(AdminUser user)
    {
        var key = await enrolment.KeyAsync(user);
        ReadableKey = AuthenticatorQrCode.Readable(key);
        QrCodeDataUri = AuthenticatorQrCode.PngDataUri(AuthenticatorQrCode.Uri(site.Value.SiteTitle, user.UserName!, key));
    }
}

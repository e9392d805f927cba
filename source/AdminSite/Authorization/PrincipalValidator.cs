using System.Security.Claims;
using AdminSite.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Authorization;

/// <summary>
/// Replaces Identity's 30-minute security-stamp check with a per-request one: a deleted or deactivated
/// account, one whose password was changed elsewhere, or a session that was logged out or ended is signed out
/// on its next request. The row it reads is the one authorization needs anyway, so this costs no extra query;
/// the session's "last seen" is written only every few minutes.
/// </summary>
public static class PrincipalValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var provider = services.GetRequiredService<AdminAccessProvider>();
        var access = await provider.GetAsync(principal, context.HttpContext.RequestAborted);
        var stamp = await provider.GetSecurityStampAsync(principal, context.HttpContext.RequestAborted);
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var lastSeen = await provider.GetSessionLastSeenAsync(principal, context.HttpContext.RequestAborted);

        if (!access.Exists || !access.IsActive || stamp != principal.FindFirstValue(stampClaim) || lastSeen is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        if (services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - lastSeen > UserSessions.TouchInterval)
        {
            await services.GetRequiredService<UserSessions>().TouchAsync(principal.FindFirstValue(UserSessions.ClaimType)!, context.HttpContext.RequestAborted);
        }
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Identity;

/// <summary>
/// Only active staff accounts may sign in: this site is the admin and nothing else. Every sign-in is a session
/// the server knows (<see cref="UserSessions"/>), named in the cookie, and signing out ends it there.
/// </summary>
public sealed class AdminSignInManager(
    UserManager<AdminUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AdminUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AdminUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AdminUser> confirmation,
    UserSessions sessions)
    : SignInManager<AdminUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AdminUser user) =>
        user is { IsActive: true, IsStaff: true } && await base.CanSignInAsync(user);

    /// <summary>
    /// Every cookie Identity issues passes here. The browser already signed in as this user (a refresh after a
    /// password or two-factor change) keeps its session; any other sign-in starts a new one.
    /// </summary>
    public override async Task SignInWithClaimsAsync(AdminUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var current = CurrentSession();
        string sessionId;
        if (current is { } session && session.UserId == user.Id)
        {
            sessionId = session.Id;
            await sessions.RenewAsync(sessionId, user, Context.RequestAborted);
        }
        else
        {
            sessionId = await sessions.StartAsync(user, Context.RequestAborted);
        }

        var claims = additionalClaims.Where(c => c.Type != UserSessions.ClaimType).Append(new Claim(UserSessions.ClaimType, sessionId));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Logging out ends this browser's session on the server: a copy of its cookie opens nothing afterwards.</summary>
    public override async Task SignOutAsync()
    {
        if (CurrentSession() is { } session)
        {
            await sessions.EndAsync(session.UserId, session.Id, Context.RequestAborted);
        }

        await base.SignOutAsync();
    }

    private (string UserId, string Id)? CurrentSession()
    {
        var principal = Context.User;
        return IsSignedIn(principal) && UserManager.GetUserId(principal) is { } userId && principal.FindFirstValue(UserSessions.ClaimType) is { } id
            ? (userId, id)
            : null;
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Identity;

/// <summary>
/// Only active staff accounts may sign in: this site is the admin and nothing else. Both login steps count
/// failures by name (<see cref="LoginLockout"/>) and do the same work whether or not the name is an account that
/// may sign in. Every sign-in is a session the server knows (<see cref="UserSessions"/>), named in the cookie, and
/// signing out ends it there.
/// </summary>
public sealed class AdminSignInManager(
    UserManager<AdminUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AdminUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AdminUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AdminUser> confirmation,
    UserSessions sessions,
    LoginLockout lockout)
    : SignInManager<AdminUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // Made by the site's own hasher, so checking it costs what checking a real password costs.
    private static string? _dummyHash;

    /// <summary>
    /// The password step. A locked name is answered before any password is checked; otherwise a password hash is
    /// always checked (the account's, or a dummy for a name that cannot sign in) and a failure always counted, so
    /// neither the answer nor its time tells whether the account exists.
    /// </summary>
    public async Task<SignInResult> PasswordLoginAsync(string userName, string password)
    {
        var cancellationToken = Context.RequestAborted;
        if (await lockout.IsLockedOutAsync(userName, cancellationToken))
        {
            return SignInResult.LockedOut;
        }

        var user = await UserManager.FindByNameAsync(userName);
        var usable = user is { PasswordHash: not null } && await CanSignInAsync(user);
        if (!usable)
        {
            _dummyHash ??= UserManager.PasswordHasher.HashPassword(new AdminUser(), RandomNumberGenerator.GetHexString(32));
            UserManager.PasswordHasher.VerifyHashedPassword(new AdminUser(), _dummyHash, password);
        }

        if (!usable || !await UserManager.CheckPasswordAsync(user!, password))
        {
            return await lockout.FailAsync(userName, cancellationToken) ? SignInResult.LockedOut : SignInResult.Failed;
        }

        // As Identity: with a code still to come the count stays, or the password would buy endless code guesses.
        if (!await UserManager.GetTwoFactorEnabledAsync(user!))
        {
            await lockout.ResetAsync(userName, cancellationToken);
        }

        return await SignInOrTwoFactorAsync(user!, isPersistent: false);
    }

    /// <summary>
    /// The second step: an authenticator code or a recovery code, both counted towards the name's lockout, and
    /// neither accepted while the name is locked out.
    /// </summary>
    public async Task<SignInResult> TwoFactorLoginAsync(AdminUser user, string code, bool isRecoveryCode)
    {
        var cancellationToken = Context.RequestAborted;
        if (!await CanSignInAsync(user))
        {
            return SignInResult.NotAllowed;
        }

        var userName = user.UserName ?? "";
        if (await lockout.IsLockedOutAsync(userName, cancellationToken))
        {
            return SignInResult.LockedOut;
        }

        var valid = isRecoveryCode
            ? code.Length > 0 && (await UserManager.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded
            : await UserManager.VerifyTwoFactorTokenAsync(user, Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            return await lockout.FailAsync(userName, cancellationToken) ? SignInResult.LockedOut : SignInResult.Failed;
        }

        await lockout.ResetAsync(userName, cancellationToken);
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return SignInResult.Success;
    }

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
            // Signing in as somebody else in this browser ends the session it had.
            if (current is { } previous)
            {
                await sessions.EndAsync(previous.UserId, previous.Id, Context.RequestAborted);
            }

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

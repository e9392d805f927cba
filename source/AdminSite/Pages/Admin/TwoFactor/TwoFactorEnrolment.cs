using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Pages.Admin.TwoFactor;

/// <summary>
/// A staff member's authenticator app and recovery codes (codes checked by <see cref="SingleUseAuthenticatorTokenProvider"/>). Every
/// change is audited (as a flag, never the key or the codes) and rotates the security stamp, which signs
/// out the account's other sessions; the caller refreshes its own.
/// </summary>
public sealed class TwoFactorEnrolment(UserManager<AdminUser> users, IUserStore<AdminUser> store, AdminDbContext db, AuditLog audit)
{
    public const int RecoveryCodeCount = 10;

    private const string Field = "Two-factor authentication";

    /// <summary>The shared secret to show while enrolling, created the first time it is asked for.</summary>
    public async Task<string> KeyAsync(AdminUser user)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        // Through the store, not UserManager.ResetAuthenticatorKeyAsync: an unverified key grants nothing yet, so
        // showing the setup page must not rotate the security stamp (and sign out the user's other sessions).
        key = users.GenerateNewAuthenticatorKey();
        await ((IUserAuthenticatorKeyStore<AdminUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>Whether <paramref name="code"/> is the app's current code (see <see cref="TwoFactorCode"/>), and was not used before.</summary>
    public Task<bool> VerifyAsync(AdminUser user, string code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);

    /// <summary>Turns two-factor on if <paramref name="code"/> proves the app is set up; returns the new recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(AdminAccess actor, AdminUser user, string code, CancellationToken cancellationToken)
    {
        // Only the app's code can prove the setup, so whatever else is typed around its digits (spaces, a dash) is dropped.
        if (!await VerifyAsync(user, string.Concat(code.Where(char.IsAsciiDigit))))
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Changed(actor, AdminModel.User, user.Id, user.UserName!, [new FieldChange(Field, "Disabled", "Enabled")]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return codes;
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(AdminAccess actor, AdminUser user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Changed(actor, AdminModel.User, user.Id, user.UserName!, [], "Generated new two-factor recovery codes.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return codes;
    }

    /// <summary>
    /// Two-factor off, a new (unshown) key, no recovery codes: the account is back to a password alone until
    /// it enrols again. Used for "disable", "reset my app" and a superuser's reset of a lost device.
    /// </summary>
    public async Task DisableAsync(AdminAccess actor, AdminUser user, string message, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wasEnabled = user.TwoFactorEnabled;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        // The next app may be enrolled at once, with a code of the same 30 seconds.
        await users.RemoveAuthenticationTokenAsync(user, SingleUseAuthenticatorTokenProvider.LoginProvider, SingleUseAuthenticatorTokenProvider.LastStepToken);
        // UserManager can only replace the codes with new ones; the store can empty the list.
        await ((IUserTwoFactorRecoveryCodeStore<AdminUser>)store).ReplaceCodesAsync(user, [], cancellationToken);
        audit.Changed(actor, AdminModel.User, user.Id, user.UserName!,
            wasEnabled ? [new FieldChange(Field, "Enabled", "Disabled")] : [], message);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

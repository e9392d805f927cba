using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The users pages' writes to one user, each in one transaction with its audit entry: adding, saving the
/// change form, setting the password, signing out everywhere. A change to what the user may do rotates their
/// security stamp, which ends their other sessions; the actor's own session is refreshed instead of ended.
/// </summary>
public sealed class UserEditor(
    UserManager<AdminUser> users, SignInManager<AdminUser> signIn, AdminDbContext db, AuditLog audit, PrivilegeGuard guard, TimeProvider time)
{
    public const string LastSuperuserMessage =
        "You are the only active superuser: keep this ticked, or nobody could administer the site. Make another user a superuser first.";

    /// <summary>Every group, by name: the change form's choices and the changelist's group filter.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AllGroupsAsync(CancellationToken cancellationToken) =>
        (await db.Roles.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
            .Select(g => (g.Id, g.Name ?? ""))
            .ToList();

    public Task<List<string>> GroupIdsAsync(string userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Select(ur => ur.RoleId).ToListAsync(cancellationToken);

    public Task<List<string>> PermissionsAsync(string userId, CancellationToken cancellationToken) =>
        db.UserClaims.Where(c => c.UserId == userId && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue!).ToListAsync(cancellationToken);

    /// <summary>
    /// The validators' errors for a new user named <paramref name="userName"/> (unless <paramref name="checkUserName"/>
    /// is false) and, when it is given, for <paramref name="password"/>: the add form shows them all at once.
    /// </summary>
    public Task<List<IdentityError>> ValidateNewAsync(string userName, bool checkUserName, string? password) =>
        IdentityErrors.ValidateAsync(users, new AdminUser { UserName = userName.Trim() }, password, checkUserName);

    /// <summary>Every user validator's errors for <paramref name="user"/> as the change form would save it, without touching it.</summary>
    public Task<List<IdentityError>> ValidateChangeAsync(AdminUser user, UserInput input) =>
        IdentityErrors.ValidateAsync(users, new AdminUser { Id = user.Id, UserName = input.UserName.Trim(), Email = Email(input) }, password: null);

    /// <summary>
    /// Django's first step: a user name and a password (checked with <see cref="ValidateNewAsync"/> first).
    /// Returns the new user, with Identity's errors (a name taken meanwhile) or none.
    /// </summary>
    public async Task<(AdminUser User, IReadOnlyList<IdentityError> Errors)> AddAsync(
        AdminAccess actor, string userName, string password, CancellationToken cancellationToken)
    {
        var user = new AdminUser { UserName = userName.Trim(), DateJoined = time.GetUtcNow().UtcDateTime };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (user, [.. result.Errors]);
        }

        audit.Added(actor, AdminModel.User, user.Id, user.UserName, FieldChange.Added(AuditValues.User(user, [], [])));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (user, []);
    }

    /// <summary>
    /// Why <paramref name="actor"/> may not give <paramref name="user"/> what the form chose, as (field of
    /// <see cref="UserInput"/>, reason): only superusers set superuser status, nobody adds a group or permission
    /// granting what they lack, and the last active superuser keeps what lets them (and so anyone) administer the site.
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Reason)>> RefusalsAsync(
        AdminAccess actor, AdminUser user, UserInput input, IReadOnlyList<string> groupIds, IReadOnlyList<string> permissions, CancellationToken cancellationToken)
    {
        var refusals = new List<(string, string)>();
        if (!actor.IsSuperuser && input.IsSuperuser != user.IsSuperuser)
        {
            refusals.Add((nameof(UserInput.IsSuperuser), PrivilegeGuard.SuperuserStatusMessage));
        }

        refusals.AddRange(await LastSuperuserRefusalsAsync(actor, user, input, cancellationToken));

        var addedGroups = groupIds.Except(await GroupIdsAsync(user.Id, cancellationToken)).ToList();
        if (await guard.CannotGrantGroupsAsync(actor, addedGroups, cancellationToken) is { } groupReason)
        {
            refusals.Add((nameof(UserInput.Groups), groupReason));
        }

        if (PrivilegeGuard.CannotGrant(actor, permissions.Except(await PermissionsAsync(user.Id, cancellationToken))) is { } permissionReason)
        {
            refusals.Add((nameof(UserInput.UserPermissions), permissionReason));
        }

        return refusals;
    }

    /// <summary>
    /// Unticking one's own Active, Staff or Superuser status ends one's access at once: refused while nobody
    /// else is an active staff superuser, since nobody could then give it back (short of the command line).
    /// </summary>
    private async Task<IEnumerable<(string, string)>> LastSuperuserRefusalsAsync(AdminAccess actor, AdminUser user, UserInput input, CancellationToken cancellationToken)
    {
        (string Field, bool Kept)[] flags =
            [(nameof(UserInput.IsActive), input.IsActive), (nameof(UserInput.IsStaff), input.IsStaff), (nameof(UserInput.IsSuperuser), input.IsSuperuser)];
        var dropped = flags.Where(f => !f.Kept).ToList();
        if (user.Id != actor.UserId || !actor.IsSuperuser || dropped.Count == 0
            || await db.Users.AnyAsync(u => u.Id != user.Id && u.IsActive && u.IsStaff && u.IsSuperuser, cancellationToken))
        {
            return [];
        }

        return dropped.Select(f => (f.Field, LastSuperuserMessage));
    }

    /// <summary>
    /// Saves the change form (checked with <see cref="ValidateChangeAsync"/> first) onto <paramref name="user"/>,
    /// with its <paramref name="groups"/> and <paramref name="permissions"/> (both among the form's choices);
    /// returns Identity's errors (a name taken meanwhile), or none.
    /// </summary>
    public async Task<IReadOnlyList<IdentityError>> SaveAsync(
        AdminAccess actor, AdminUser user, UserInput input, IReadOnlyList<(string Id, string Name)> groups, IReadOnlyList<string> permissions,
        CancellationToken cancellationToken)
    {
        var before = await AuditValues.UserAsync(db, user, cancellationToken);
        user.UserName = input.UserName.Trim();
        user.FirstName = input.FirstName?.Trim() ?? "";
        user.LastName = input.LastName?.Trim() ?? "";
        user.Email = Email(input);
        user.IsActive = input.IsActive;
        user.IsStaff = input.IsStaff;
        user.IsSuperuser = input.IsSuperuser;
        var changes = FieldChange.Diff(before, AuditValues.User(user, groups.Select(g => g.Name), permissions));

        // A change to what the user may do ends their other sessions: the next request signs them in afresh.
        var privilegesChanged = changes.Any(c => AuditValues.PrivilegeFields.Contains(c.Field));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = privilegesChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return [.. result.Errors];
        }

        await SyncGroupsAsync(user.Id, [.. groups.Select(g => g.Id)], cancellationToken);
        await SyncPermissionsAsync(user.Id, permissions, cancellationToken);
        audit.Changed(actor, AdminModel.User, user.Id, user.UserName, changes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (privilegesChanged)
        {
            await RefreshIfActorAsync(actor, user);
        }

        return [];
    }

    /// <summary>Django's admin password form: a new password without the old one. Returns the validators' errors, or none.</summary>
    public async Task<IReadOnlyList<IdentityError>> SetPasswordAsync(AdminAccess actor, AdminUser user, string password, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return [.. result.Errors];
        }

        audit.Changed(actor, AdminModel.User, user.Id, user.UserName!, [], "Changed password.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A new password rotates the security stamp, which signs the user out everywhere; not the admin doing it.
        await RefreshIfActorAsync(actor, user);
        return [];
    }

    /// <summary>A superuser's "sign out everywhere": a new security stamp ends every session of the user but the actor's own.</summary>
    public async Task SignOutEverywhereAsync(AdminAccess actor, AdminUser user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        audit.Changed(actor, AdminModel.User, user.Id, user.UserName!, [], "Signed out everywhere.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await RefreshIfActorAsync(actor, user);
    }

    private static string? Email(UserInput input) => input.Email?.Trim() is { Length: > 0 } email ? email : null;

    // The user's new stamp would end the actor's own session on the next click; the cookie gets the new stamp instead.
    private async Task RefreshIfActorAsync(AdminAccess actor, AdminUser user)
    {
        if (user.Id == actor.UserId)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }

    private async Task SyncGroupsAsync(string userId, List<string> chosen, CancellationToken cancellationToken)
    {
        var current = await db.UserRoles.Where(ur => ur.UserId == userId).ToListAsync(cancellationToken);
        db.UserRoles.RemoveRange(current.Where(ur => !chosen.Contains(ur.RoleId)));
        db.UserRoles.AddRange(chosen.Where(g => current.All(ur => ur.RoleId != g)).Select(g => new IdentityUserRole<string> { UserId = userId, RoleId = g }));
    }

    private async Task SyncPermissionsAsync(string userId, IReadOnlyList<string> chosen, CancellationToken cancellationToken)
    {
        var current = await db.UserClaims.Where(c => c.UserId == userId && c.ClaimType == Permissions.ClaimType).ToListAsync(cancellationToken);
        db.UserClaims.RemoveRange(current.Where(c => !chosen.Contains(c.ClaimValue!)));
        db.UserClaims.AddRange(chosen.Where(p => current.All(c => c.ClaimValue != p))
            .Select(p => new IdentityUserClaim<string> { UserId = userId, ClaimType = Permissions.ClaimType, ClaimValue = p }));
    }
}

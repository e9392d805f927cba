using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Groups;

/// <summary>
/// Group writes with their permissions and audit entries, each in one transaction. Nobody adds a permission
/// to a group that they do not hold themselves (they could be a member, or make themselves one), and a
/// change to what a group grants signs its members out everywhere.
/// </summary>
public sealed class GroupStore(RoleManager<AdminGroup> roles, AdminDbContext db, AuditLog audit, UserManager<AdminUser> users, SignInManager<AdminUser> signIn)
{
    public Task<List<string>> PermissionsOfAsync(string groupId, CancellationToken cancellationToken) =>
        db.RoleClaims.Where(c => c.RoleId == groupId && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!).ToListAsync(cancellationToken);

    /// <summary>
    /// Every error saving <paramref name="group"/> as <paramref name="name"/> with <paramref name="permissions"/>
    /// would meet, without saving: the role validators' (a name taken) and the privilege guard's. The forms show
    /// them all at once; <paramref name="checkName"/> false skips the name (the form already found it wrong).
    /// </summary>
    public async Task<IReadOnlyList<IdentityError>> ValidateAsync(
        AdminAccess actor, AdminGroup group, string name, IReadOnlyCollection<string> permissions, bool checkName, CancellationToken cancellationToken)
    {
        var errors = new List<IdentityError>();
        var candidate = new AdminGroup { Id = group.Id, Name = name };
        foreach (var validator in checkName ? roles.RoleValidators : [])
        {
            errors.AddRange((await validator.ValidateAsync(roles, candidate)).Errors);
        }

        var current = await PermissionsOfAsync(group.Id, cancellationToken);
        if (PrivilegeGuard.CannotGrant(actor, permissions.Except(current)) is { } reason)
        {
            errors.Add(new IdentityError { Code = IdentityErrors.PermissionNotHeld, Description = reason });
        }

        return errors;
    }

    /// <summary>Creates or updates a group (checked with <see cref="ValidateAsync"/> first); returns Identity's (or the privilege guard's) errors, or none.</summary>
    public async Task<IReadOnlyList<IdentityError>> SaveAsync(
        AdminAccess actor, AdminGroup group, string name, IReadOnlyCollection<string> permissions, bool isNew, CancellationToken cancellationToken)
    {
        var current = isNew
            ? []
            : await db.RoleClaims.Where(c => c.RoleId == group.Id && c.ClaimType == Permissions.ClaimType).ToListAsync(cancellationToken);
        var added = permissions.Where(p => current.All(c => c.ClaimValue != p)).ToList();
        if (PrivilegeGuard.CannotGrant(actor, added) is { } reason)
        {
            return [new IdentityError { Code = IdentityErrors.PermissionNotHeld, Description = reason }];
        }

        var before = AuditValues.Group(group.Name ?? "", current.Select(c => c.ClaimValue!));
        var removed = current.Where(c => !permissions.Contains(c.ClaimValue!)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        group.Name = name;
        var result = isNew ? await roles.CreateAsync(group) : await roles.UpdateAsync(group);
        if (!result.Succeeded)
        {
            return [.. result.Errors];
        }

        db.RoleClaims.RemoveRange(removed);
        db.RoleClaims.AddRange(added.Select(p => new IdentityRoleClaim<string> { RoleId = group.Id, ClaimType = Permissions.ClaimType, ClaimValue = p }));
        var after = AuditValues.Group(name, permissions);
        if (isNew)
        {
            audit.Added(actor, AdminModel.Group, group.Id, name, FieldChange.Added(after));
        }
        else
        {
            audit.Changed(actor, AdminModel.Group, group.Id, name, FieldChange.Diff(before, after));
        }

        await db.SaveChangesAsync(cancellationToken);
        var signedOutSelf = removed.Count + added.Count > 0 && await SignOutMembersAsync([group.Id], actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await RefreshIfSignedOutAsync(actor, signedOutSelf);
        return [];
    }

    public async Task DeleteAsync(AdminAccess actor, IReadOnlyList<AdminGroup> groups, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Before the memberships cascade away with the groups.
        var signedOutSelf = await SignOutMembersAsync([.. groups.Select(g => g.Id)], actor, cancellationToken);
        foreach (var group in groups)
        {
            var values = AuditValues.Group(group.Name ?? "", await PermissionsOfAsync(group.Id, cancellationToken));

            // Memberships and the group's permissions cascade; users themselves stay.
            (await roles.DeleteAsync(group)).ThrowIfFailed($"Cannot delete group '{group.Name}'");

            audit.Deleted(actor, AdminModel.Group, group.Id, group.Name ?? group.Id, FieldChange.Deleted(values));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await RefreshIfSignedOutAsync(actor, signedOutSelf);
    }

    /// <summary>
    /// New security stamps for every member, in one statement: their sessions end on the next request. True
    /// when the actor is a member too (their own session is then refreshed, not ended).
    /// </summary>
    private async Task<bool> SignOutMembersAsync(IReadOnlyList<string> groupIds, AdminAccess actor, CancellationToken cancellationToken)
    {
        var members = db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && groupIds.Contains(ur.RoleId)));
        var includesActor = await members.AnyAsync(u => u.Id == actor.UserId, cancellationToken);
        var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        await members.ExecuteUpdateAsync(
            set => set.SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()),
            cancellationToken);
        return includesActor;
    }

    private async Task RefreshIfSignedOutAsync(AdminAccess actor, bool signedOut)
    {
        if (signedOut && await users.FindByIdAsync(actor.UserId) is { } self)
        {
            // The stamp was written behind the change tracker's back.
            await db.Entry(self).ReloadAsync();
            await signIn.RefreshSignInAsync(self);
        }
    }
}

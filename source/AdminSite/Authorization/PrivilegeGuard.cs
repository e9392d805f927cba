using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Authorization;

/// <summary>
/// Closes Django's best-known hole, where "change user" is enough to make yourself a superuser. Nobody hands
/// out a permission they do not hold (to anyone, themselves included, directly or through a group), only
/// superusers touch superuser status, and nobody changes an account more powerful than their own (which
/// would let them set its password and become it).
/// </summary>
public sealed class PrivilegeGuard(AdminDbContext db)
{
    public const string SuperuserStatusMessage = "Only superusers can grant or remove superuser status.";

    /// <summary>Why <paramref name="actor"/> may not grant <paramref name="permissions"/>, or null when they may.</summary>
    public static string? CannotGrant(AdminAccess actor, IEnumerable<string> permissions)
    {
        var lacking = actor.Lacks(permissions);
        return lacking.Count == 0
            ? null
            : $"You cannot grant permissions you do not have yourself: {string.Join(", ", lacking.Select(Permissions.Label))}.";
    }

    /// <summary>Why <paramref name="actor"/> may not grant membership of these groups (their permissions), or null.</summary>
    public async Task<string?> CannotGrantGroupsAsync(AdminAccess actor, IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
    {
        if (actor.IsSuperuser || groupIds.Count == 0)
        {
            return null;
        }

        var permissions = await db.RoleClaims
            .Where(c => c.ClaimType == Permissions.ClaimType && groupIds.Contains(c.RoleId))
            .Select(c => c.ClaimValue!)
            .ToListAsync(cancellationToken);
        return CannotGrant(actor, permissions) is { } reason ? $"{reason} (through the groups chosen)" : null;
    }

    /// <summary>Why <paramref name="actor"/> may not change <paramref name="target"/>, or null when they may.</summary>
    public async Task<string?> CannotManageAsync(AdminAccess actor, AdminUser target, CancellationToken cancellationToken) =>
        (await CannotManageAsync(actor, [target], cancellationToken)).Values.FirstOrDefault();

    /// <summary>For each target the actor may not change, why not; two queries whatever the number of targets.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CannotManageAsync(AdminAccess actor, IReadOnlyList<AdminUser> targets, CancellationToken cancellationToken)
    {
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        if (actor.IsSuperuser)
        {
            return refused;
        }

        foreach (var target in targets.Where(t => t.IsSuperuser))
        {
            refused[target.Id] = $"Only superusers can change the superuser “{target.UserName}”.";
        }

        var ids = targets.Where(t => !t.IsSuperuser).Select(t => t.Id).ToList();
        var own = await db.UserClaims
            .Where(c => c.ClaimType == Permissions.ClaimType && ids.Contains(c.UserId))
            .Select(c => new { c.UserId, Permission = c.ClaimValue! })
            .ToListAsync(cancellationToken);
        var fromGroups = await db.UserRoles
            .Where(ur => ids.Contains(ur.UserId))
            .Join(db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType), ur => ur.RoleId, c => c.RoleId, (ur, c) => new { ur.UserId, Permission = c.ClaimValue! })
            .ToListAsync(cancellationToken);
        foreach (var held in own.Concat(fromGroups).GroupBy(p => p.UserId))
        {
            var lacking = actor.Lacks(held.Select(p => p.Permission));
            if (lacking.Count > 0)
            {
                var name = targets.First(t => t.Id == held.Key).UserName;
                refused[held.Key] = $"You cannot change “{name}”: they have permissions you do not have ({string.Join(", ", lacking.Select(Permissions.Label))}).";
            }
        }

        return refused;
    }
}

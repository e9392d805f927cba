using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Admin;

/// <summary>Group writes with their permissions and audit entries, each in one transaction.</summary>
public sealed class GroupStore(RoleManager<AdminGroup> roles, AdminDbContext db, AuditLog audit)
{
    public Task<List<string>> PermissionsOfAsync(string groupId, CancellationToken cancellationToken) =>
        db.RoleClaims.Where(c => c.RoleId == groupId && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!).ToListAsync(cancellationToken);

    /// <summary>Creates or updates a group; returns Identity's errors, or none.</summary>
    public async Task<IReadOnlyList<IdentityError>> SaveAsync(
        AdminAccess actor, AdminGroup group, string name, IReadOnlyCollection<string> permissions, bool isNew, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = new List<string>();
        if (group.Name != name)
        {
            group.Name = name;
            changed.Add("Name");
        }

        var result = isNew ? await roles.CreateAsync(group) : await roles.UpdateAsync(group);
        if (!result.Succeeded)
        {
            return [.. result.Errors];
        }

        var current = await db.RoleClaims.Where(c => c.RoleId == group.Id && c.ClaimType == Permissions.ClaimType).ToListAsync(cancellationToken);
        var removed = current.Where(c => !permissions.Contains(c.ClaimValue!)).ToList();
        var added = permissions.Where(p => current.All(c => c.ClaimValue != p)).ToList();
        db.RoleClaims.RemoveRange(removed);
        db.RoleClaims.AddRange(added.Select(p => new IdentityRoleClaim<string> { RoleId = group.Id, ClaimType = Permissions.ClaimType, ClaimValue = p }));
        if (removed.Count + added.Count > 0)
        {
            changed.Add("Permissions");
        }

        if (isNew)
        {
            audit.Added(actor, AdminModel.Group, group.Id, name);
        }
        else
        {
            audit.Changed(actor, AdminModel.Group, group.Id, name, changed);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public async Task DeleteAsync(AdminAccess actor, IReadOnlyList<AdminGroup> groups, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var group in groups)
        {
            // Memberships and the group's permissions cascade; users themselves stay.
            var result = await roles.DeleteAsync(group);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Cannot delete group '{group.Name}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }

            audit.Deleted(actor, AdminModel.Group, group.Id, group.Name ?? group.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

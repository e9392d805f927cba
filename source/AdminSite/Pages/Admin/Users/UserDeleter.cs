using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Pages.Admin.Users;

/// <summary>Deletes users with one audit entry each, all or nothing.</summary>
public sealed class UserDeleter(UserManager<AdminUser> users, AdminDbContext db, AuditLog audit)
{
    public const string CannotDeleteSelf = "You cannot delete your own account while you are signed in with it.";

    public async Task DeleteAsync(AdminAccess actor, IReadOnlyList<AdminUser> targets, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var user in targets)
        {
            // The log keeps what was deleted: the entry is the only record left of it.
            var values = await AuditValues.UserAsync(db, user, cancellationToken);

            // Identity removes memberships, claims, logins and tokens with the user; the audit log has no key to it.
            (await users.DeleteAsync(user)).ThrowIfFailed($"Cannot delete user '{user.UserName}'");

            audit.Deleted(actor, AdminModel.User, user.Id, user.UserName ?? user.Id, FieldChange.Deleted(values));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

using System.Security.Cryptography;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Pages.Admin.Users;

/// <summary>The "activate / deactivate selected users" actions: one audit entry per user changed, all or nothing.</summary>
public sealed class UserActivation(IUserStore<AdminUser> store, AdminDbContext db, AuditLog audit)
{
    public const string CannotDeactivateSelf = "You cannot deactivate your own account while you are signed in with it.";

    /// <summary>Sets <see cref="AdminUser.IsActive"/>; returns how many users it changed (the others already were).</summary>
    public async Task<int> SetActiveAsync(AdminAccess actor, IReadOnlyList<AdminUser> targets, bool active, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = 0;
        foreach (var user in targets.Where(u => u.IsActive != active))
        {
            user.IsActive = active;
            // An inactive account is refused on its next request anyway; a new stamp also keeps those sessions
            // dead if the account is activated again. Through the store and one save for all: UserManager would
            // validate and save each user on its own, which made 1000 users take 12 s.
            await ((IUserSecurityStampStore<AdminUser>)store).SetSecurityStampAsync(user, Convert.ToHexString(RandomNumberGenerator.GetBytes(20)), cancellationToken);
            user.ConcurrencyStamp = Guid.NewGuid().ToString();

            audit.Changed(actor, AdminModel.User, user.Id, user.UserName!, [new FieldChange("Active", FieldChange.Flag(!active), FieldChange.Flag(active))]);
            changed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }
}

using AdminSite.Authorization;
using AdminSite.Data;

namespace AdminSite.Pages.Admin.Users;

/// <summary>The "Delete selected users" action: a confirmation listing what goes, then one audit entry per user.</summary>
[RequirePermission(Permissions.DeleteUser)]
public sealed class DeleteSelectedModel(AdminDbContext db, UserDeleter deleter, PrivilegeGuard guard) : UserBulkActionPageModel(db)
{
    protected override async Task<string?> RefusalAsync(CancellationToken cancellationToken)
    {
        var reason = Targets.Any(u => u.Id == Access.UserId)
            ? UserDeleter.CannotDeleteSelf
            : (await guard.CannotManageAsync(Access, Targets, cancellationToken)).Values.FirstOrDefault();
        return reason is null ? null : $"{reason} No users were deleted.";
    }

    protected override async Task<string> ApplyAsync(CancellationToken cancellationToken)
    {
        await deleter.DeleteAsync(Access, Targets, cancellationToken);
        return $"Successfully deleted {Targets.Count} {(Targets.Count == 1 ? "user" : "users")}.";
    }
}

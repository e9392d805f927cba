using AdminSite.Authorization;
using AdminSite.Data;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The "activate / deactivate selected users" actions: a confirmation listing the users, like delete, then
/// the change behind the privilege guard (all of them or none).
/// </summary>
[RequirePermission(Permissions.ChangeUser)]
public abstract class ActivationSelectedModel(AdminDbContext db, UserActivation activation, PrivilegeGuard guard) : UserBulkActionPageModel(db)
{
    public abstract bool Activate { get; }

    public string Verb => Activate ? "activate" : "deactivate";

    protected override bool RefuseBeforeConfirming => true;

    protected override async Task<string?> RefusalAsync(CancellationToken cancellationToken)
    {
        var reason = !Activate && Targets.Any(u => u.Id == Access.UserId)
            ? UserActivation.CannotDeactivateSelf
            : (await guard.CannotManageAsync(Access, Targets, cancellationToken)).Values.FirstOrDefault();
        return reason is null ? null : $"{reason} No users were changed.";
    }

    protected override async Task<string> ApplyAsync(CancellationToken cancellationToken)
    {
        var changed = await activation.SetActiveAsync(Access, Targets, Activate, cancellationToken);
        return $"Successfully {Verb}d {changed} {(changed == 1 ? "user" : "users")}.";
    }
}

public sealed class ActivateSelectedModel(AdminDbContext db, UserActivation activation, PrivilegeGuard guard) : ActivationSelectedModel(db, activation, guard)
{
    public override bool Activate => true;
}

public sealed class DeactivateSelectedModel(AdminDbContext db, UserActivation activation, PrivilegeGuard guard) : ActivationSelectedModel(db, activation, guard)
{
    public override bool Activate => false;
}

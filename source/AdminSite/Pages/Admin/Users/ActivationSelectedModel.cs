using AdminSite.Admin;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The "activate / deactivate selected users" actions: a confirmation listing the users, like delete, then
/// the change behind the privilege guard (all of them or none).
/// </summary>
[RequirePermission(Permissions.ChangeUser)]
public abstract class ActivationSelectedModel(AdminDbContext db, UserActivation activation, PrivilegeGuard guard) : AdminPageModel
{
    public abstract bool Activate { get; }

    public string Verb => Activate ? "activate" : "deactivate";

    public IReadOnlyList<AdminUser> Targets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string[] ids, CancellationToken cancellationToken)
    {
        Targets = await FindAsync(ids, cancellationToken);
        return Targets.Count == 0 ? NothingSelected() : await RefusedAsync(cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string[] ids, CancellationToken cancellationToken)
    {
        Targets = await FindAsync(ids, cancellationToken);
        if (Targets.Count == 0)
        {
            return NothingSelected();
        }

        if (await RefusedAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        var changed = await activation.SetActiveAsync(Access, Targets, Activate, cancellationToken);
        Success($"Successfully {Verb}d {changed} {(changed == 1 ? "user" : "users")}.");
        return RedirectToPage("Index");
    }

    private async Task<IActionResult?> RefusedAsync(CancellationToken cancellationToken)
    {
        var reason = !Activate && Targets.Any(u => u.Id == Access.UserId)
            ? UserActivation.CannotDeactivateSelf
            : (await guard.CannotManageAsync(Access, Targets, cancellationToken)).Values.FirstOrDefault();
        if (reason is null)
        {
            return null;
        }

        Error($"{reason} No users were changed.");
        return RedirectToPage("Index");
    }

    private IActionResult NothingSelected()
    {
        Warning("Items must be selected in order to perform actions on them. No items have been changed.");
        return RedirectToPage("Index");
    }

    private async Task<IReadOnlyList<AdminUser>> FindAsync(string[] ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().Take(Paginator.DefaultPerPage * 10).ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
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

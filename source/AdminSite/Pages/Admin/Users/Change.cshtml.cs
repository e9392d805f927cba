using System.ComponentModel.DataAnnotations;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// Change (or, with view permission only, read) a user: Django's personal info, permissions and dates, behind
/// the privilege guard. Superusers also find "sign out everywhere" and a two-factor reset here.
/// </summary>
[RequirePermission(Permissions.ViewUser, Permissions.ChangeUser)]
public sealed class ChangeModel(
    UserManager<AdminUser> users, SignInManager<AdminUser> signIn, AdminDbContext db, AuditLog audit, PrivilegeGuard guard, TwoFactorEnrolment twoFactor)
    : AdminPageModel
{
    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public AdminUser Subject { get; private set; } = new();

    public IReadOnlyList<(string Id, string Name)> AllGroups { get; private set; } = [];

    /// <summary>Why the signed-in user may not change this one even with "change user" (the privilege guard), or null.</summary>
    public string? Refusal { get; private set; }

    public bool ReadOnly => !Access.Has(Permissions.ChangeUser) || Refusal is not null;

    public sealed class ChangeInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(AdminUser.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
        public string UserName { get; set; } = "";

        [StringLength(AdminUser.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
        public string? FirstName { get; set; }

        [StringLength(AdminUser.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
        public string? LastName { get; set; }

        [StringLength(AdminUser.EmailMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string? Email { get; set; }

        public bool IsActive { get; set; }

        public bool IsStaff { get; set; }

        public bool IsSuperuser { get; set; }

        public string[] Groups { get; set; } = [];

        public string[] UserPermissions { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return MissingObject(AdminModel.User, id);
        }

        Input = new ChangeInput
        {
            UserName = Subject.UserName ?? "",
            FirstName = Subject.FirstName,
            LastName = Subject.LastName,
            Email = Subject.Email,
            IsActive = Subject.IsActive,
            IsStaff = Subject.IsStaff,
            IsSuperuser = Subject.IsSuperuser,
            Groups = [.. await GroupIdsAsync(id, cancellationToken)],
            UserPermissions = [.. await PermissionsAsync(id, cancellationToken)],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        string id, [FromForm(Name = "_addanother")] string? addAnother, [FromForm(Name = "_continue")] string? keepEditing,
        CancellationToken cancellationToken)
    {
        if (!Access.Has(Permissions.ChangeUser))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return MissingObject(AdminModel.User, id);
        }

        if (Refusal is not null)
        {
            ModelState.AddModelError("", Refusal);
            return Page();
        }

        var groupIds = AllGroups.Select(g => g.Id).ToHashSet();
        var chosenGroups = Input.Groups.Distinct().ToList();
        var chosenPermissions = Input.UserPermissions.Distinct().ToList();
        if (chosenGroups.Any(g => !groupIds.Contains(g)))
        {
            ModelState.AddModelError("Input.Groups", InvalidChoice);
        }

        if (chosenPermissions.Any(p => !Permissions.Exists(p)))
        {
            ModelState.AddModelError("Input.UserPermissions", InvalidChoice);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await GuardPrivilegesAsync(id, chosenGroups, chosenPermissions, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = await AuditValues.UserAsync(db, Subject, cancellationToken);
        Subject.UserName = Input.UserName.Trim();
        Subject.FirstName = Input.FirstName?.Trim() ?? "";
        Subject.LastName = Input.LastName?.Trim() ?? "";
        Subject.Email = Input.Email?.Trim() is { Length: > 0 } email ? email : null;
        Subject.IsActive = Input.IsActive;
        Subject.IsStaff = Input.IsStaff;
        Subject.IsSuperuser = Input.IsSuperuser;
        var chosenGroupNames = AllGroups.Where(g => chosenGroups.Contains(g.Id)).Select(g => g.Name);
        var changes = FieldChange.Diff(before, AuditValues.User(Subject, chosenGroupNames, chosenPermissions));

        var errors = await IdentityErrors.ValidateAsync(users, Subject, password: null);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "UserName");
            return Page();
        }

        // A change to what the user may do ends their other sessions: the next request signs them in afresh.
        var privilegesChanged = changes.Any(c => AuditValues.PrivilegeFields.Contains(c.Field));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = privilegesChanged ? await users.UpdateSecurityStampAsync(Subject) : await users.UpdateAsync(Subject);
        if (!result.Succeeded)
        {
            IdentityErrors.AddTo(ModelState, result.Errors, "Input", "UserName");
            return Page();
        }

        await SyncGroupsAsync(id, chosenGroups, cancellationToken);
        await SyncPermissionsAsync(id, chosenPermissions, cancellationToken);
        var name = Subject.UserName!;
        audit.Changed(Access, AdminModel.User, id, name, changes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (privilegesChanged && id == Access.UserId)
        {
            await signIn.RefreshSignInAsync(Subject);
        }

        return ChangeSaved(AdminModel.User, id, name, keepEditing, addAnother);
    }

    /// <summary>A superuser's "sign out everywhere": a new security stamp ends every session of the user but this one.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(string id, CancellationToken cancellationToken)
    {
        if (!Access.IsSuperuser)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return MissingObject(AdminModel.User, id);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.UpdateSecurityStampAsync(Subject);
        audit.Changed(Access, AdminModel.User, id, Subject.UserName!, [], "Signed out everywhere.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var self = id == Access.UserId;
        if (self)
        {
            await signIn.RefreshSignInAsync(Subject);
        }

        Success(self
            ? "You were signed out of every other session."
            : $"The user “{Subject.UserName}” was signed out of every session.");
        return RedirectToPage(new { id });
    }

    /// <summary>A superuser removes a user's authenticator (a lost phone): they log in with a password again and re-enrol.</summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken cancellationToken)
    {
        if (!Access.IsSuperuser)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return MissingObject(AdminModel.User, id);
        }

        await twoFactor.DisableAsync(Access, Subject, "Reset two-factor authentication.", cancellationToken);
        if (id == Access.UserId)
        {
            await signIn.RefreshSignInAsync(Subject);
        }

        Success($"Two-factor authentication of “{Subject.UserName}” was reset; they log in with their password and set it up again.");
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return false;
        }

        Subject = user;
        AllGroups = (await db.Roles.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
            .Select(g => (g.Id, g.Name ?? ""))
            .ToList();
        if (Access.Has(Permissions.ChangeUser))
        {
            Refusal = await guard.CannotManageAsync(Access, user, cancellationToken);
        }

        return true;
    }

    // Only superusers set superuser status; nobody adds a group or permission granting what they lack.
    private async Task GuardPrivilegesAsync(string id, List<string> chosenGroups, List<string> chosenPermissions, CancellationToken cancellationToken)
    {
        if (!Access.IsSuperuser)
        {
            // The form shows a non-superuser the flag read-only: not posting it means "leave it".
            if (!Request.Form.ContainsKey("Input.IsSuperuser"))
            {
                Input.IsSuperuser = Subject.IsSuperuser;
            }
            else if (Input.IsSuperuser != Subject.IsSuperuser)
            {
                ModelState.AddModelError("Input.IsSuperuser", PrivilegeGuard.SuperuserStatusMessage);
            }
        }

        var currentGroups = await GroupIdsAsync(id, cancellationToken);
        var addedGroups = chosenGroups.Except(currentGroups).ToList();
        if (await guard.CannotGrantGroupsAsync(Access, addedGroups, cancellationToken) is { } groupReason)
        {
            ModelState.AddModelError("Input.Groups", groupReason);
        }

        var currentPermissions = await PermissionsAsync(id, cancellationToken);
        if (PrivilegeGuard.CannotGrant(Access, chosenPermissions.Except(currentPermissions)) is { } permissionReason)
        {
            ModelState.AddModelError("Input.UserPermissions", permissionReason);
        }
    }

    private Task<List<string>> GroupIdsAsync(string id, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == id).Select(ur => ur.RoleId).ToListAsync(cancellationToken);

    private Task<List<string>> PermissionsAsync(string id, CancellationToken cancellationToken) =>
        db.UserClaims.Where(c => c.UserId == id && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue!).ToListAsync(cancellationToken);

    private async Task SyncGroupsAsync(string id, List<string> chosen, CancellationToken cancellationToken)
    {
        var current = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(cancellationToken);
        db.UserRoles.RemoveRange(current.Where(ur => !chosen.Contains(ur.RoleId)));
        db.UserRoles.AddRange(chosen.Where(g => current.All(ur => ur.RoleId != g)).Select(g => new IdentityUserRole<string> { UserId = id, RoleId = g }));
    }

    private async Task SyncPermissionsAsync(string id, List<string> chosen, CancellationToken cancellationToken)
    {
        var current = await db.UserClaims.Where(c => c.UserId == id && c.ClaimType == Permissions.ClaimType).ToListAsync(cancellationToken);
        db.UserClaims.RemoveRange(current.Where(c => !chosen.Contains(c.ClaimValue!)));
        db.UserClaims.AddRange(chosen.Where(p => current.All(c => c.ClaimValue != p))
            .Select(p => new IdentityUserClaim<string> { UserId = id, ClaimType = Permissions.ClaimType, ClaimValue = p }));
    }
}

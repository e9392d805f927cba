using System.ComponentModel.DataAnnotations;
using AdminSite.Admin;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>Change (or, with view permission only, read) a user: Django's personal info, permissions and dates.</summary>
[RequirePermission(Permissions.ViewUser, Permissions.ChangeUser)]
public sealed class ChangeModel(UserManager<AdminUser> users, AdminDbContext db, AuditLog audit) : AdminPageModel
{
    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public AdminUser Subject { get; private set; } = new();

    public IReadOnlyList<(string Id, string Name)> AllGroups { get; private set; } = [];

    public bool ReadOnly => !Access.Has(Permissions.ChangeUser);

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
        if (ReadOnly)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return MissingObject(AdminModel.User, id);
        }

        var groupIds = AllGroups.Select(g => g.Id).ToHashSet();
        var chosenGroups = Input.Groups.Distinct().ToList();
        var chosenPermissions = Input.UserPermissions.Distinct().ToList();
        if (chosenGroups.Any(g => !groupIds.Contains(g)))
        {
            ModelState.AddModelError("Input.Groups", "Select a valid choice. That choice is not one of the available choices.");
        }

        if (chosenPermissions.Any(p => !Permissions.Exists(p)))
        {
            ModelState.AddModelError("Input.UserPermissions", "Select a valid choice. That choice is not one of the available choices.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = new List<string>();
        Track(changed, "Username", Subject.UserName, Input.UserName.Trim(), v => Subject.UserName = v);
        Track(changed, "First name", Subject.FirstName, Input.FirstName?.Trim() ?? "", v => Subject.FirstName = v);
        Track(changed, "Last name", Subject.LastName, Input.LastName?.Trim() ?? "", v => Subject.LastName = v);
        Track(changed, "Email address", Subject.Email ?? "", Input.Email?.Trim() ?? "", v => Subject.Email = v.Length == 0 ? null : v);
        Track(changed, "Active", Subject.IsActive, Input.IsActive, v => Subject.IsActive = v);
        Track(changed, "Staff status", Subject.IsStaff, Input.IsStaff, v => Subject.IsStaff = v);
        Track(changed, "Superuser status", Subject.IsSuperuser, Input.IsSuperuser, v => Subject.IsSuperuser = v);

        var errors = await IdentityErrors.ValidateAsync(users, Subject, password: null);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "UserName");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.UpdateAsync(Subject);
        if (!result.Succeeded)
        {
            IdentityErrors.AddTo(ModelState, result.Errors, "Input", "UserName");
            return Page();
        }

        if (await SyncGroupsAsync(id, chosenGroups, cancellationToken))
        {
            changed.Add("Groups");
        }

        if (await SyncPermissionsAsync(id, chosenPermissions, cancellationToken))
        {
            changed.Add("User permissions");
        }

        var name = Subject.UserName!;
        audit.Changed(Access, AdminModel.User, id, name, changed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (keepEditing is not null)
        {
            Success($"The user “{name}” was changed successfully. You may edit it again below.");
            return RedirectToPage(new { id });
        }

        if (addAnother is not null)
        {
            Success($"The user “{name}” was changed successfully. You may add another user below.");
            return RedirectToPage("Add");
        }

        Success($"The user “{name}” was changed successfully.");
        return RedirectToPage("Index");
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
        return true;
    }

    private Task<List<string>> GroupIdsAsync(string id, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == id).Select(ur => ur.RoleId).ToListAsync(cancellationToken);

    private Task<List<string>> PermissionsAsync(string id, CancellationToken cancellationToken) =>
        db.UserClaims.Where(c => c.UserId == id && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue!).ToListAsync(cancellationToken);

    private async Task<bool> SyncGroupsAsync(string id, List<string> chosen, CancellationToken cancellationToken)
    {
        var current = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(cancellationToken);
        var removed = current.Where(ur => !chosen.Contains(ur.RoleId)).ToList();
        var added = chosen.Where(g => current.All(ur => ur.RoleId != g)).ToList();
        db.UserRoles.RemoveRange(removed);
        db.UserRoles.AddRange(added.Select(g => new IdentityUserRole<string> { UserId = id, RoleId = g }));
        return removed.Count + added.Count > 0;
    }

    private async Task<bool> SyncPermissionsAsync(string id, List<string> chosen, CancellationToken cancellationToken)
    {
        var current = await db.UserClaims.Where(c => c.UserId == id && c.ClaimType == Permissions.ClaimType).ToListAsync(cancellationToken);
        var removed = current.Where(c => !chosen.Contains(c.ClaimValue!)).ToList();
        var added = chosen.Where(p => current.All(c => c.ClaimValue != p)).ToList();
        db.UserClaims.RemoveRange(removed);
        db.UserClaims.AddRange(added.Select(p => new IdentityUserClaim<string> { UserId = id, ClaimType = Permissions.ClaimType, ClaimValue = p }));
        return removed.Count + added.Count > 0;
    }

    private static void Track<T>(List<string> changed, string label, T before, T after, Action<T> apply)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            apply(after);
            changed.Add(label);
        }
    }
}

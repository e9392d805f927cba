using AdminSite.Authorization;
using AdminSite.Identity;
using AdminSite.Pages.Admin.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// Change (or, with view permission only, read) a user: Django's personal info, permissions and dates, behind
/// the privilege guard. Superusers also find "sign out everywhere" and a two-factor reset here.
/// </summary>
[RequirePermission(Permissions.ViewUser, Permissions.ChangeUser)]
public sealed class ChangeModel(
    UserManager<AdminUser> users, SignInManager<AdminUser> signIn, UserEditor editor, PrivilegeGuard guard, TwoFactorEnrolment twoFactor)
    : AdminPageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public AdminUser Subject { get; private set; } = new();

    public IReadOnlyList<(string Id, string Name)> AllGroups { get; private set; } = [];

    /// <summary>Why the signed-in user may not change this one even with "change user" (the privilege guard), or null.</summary>
    public string? Refusal { get; private set; }

    public bool ReadOnly => !Access.Has(Permissions.ChangeUser) || Refusal is not null;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return MissingObject(AdminModel.User, id);
        }

        Input = new UserInput
        {
            UserName = Subject.UserName ?? "",
            FirstName = Subject.FirstName,
            LastName = Subject.LastName,
            Email = Subject.Email,
            IsActive = Subject.IsActive,
            IsStaff = Subject.IsStaff,
            IsSuperuser = Subject.IsSuperuser,
            Groups = [.. await editor.GroupIdsAsync(id, cancellationToken)],
            UserPermissions = [.. await editor.PermissionsAsync(id, cancellationToken)],
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

        // Every error at once, as Django's form shows them: the fields', the choices', the privilege guard's and
        // the user validators' (a name already taken).
        var chosenGroups = Input.Groups.Distinct().ToList();
        if (chosenGroups.Any(g => AllGroups.All(offered => offered.Id != g)))
        {
            ModelState.AddModelError("Input.Groups", InvalidChoice);
        }

        var chosenPermissions = ChosenPermissions(Input.UserPermissions, "Input.UserPermissions");

        // The form shows a non-superuser the flag read-only: not posting it means "leave it".
        if (!Access.IsSuperuser && !Request.Form.ContainsKey("Input.IsSuperuser"))
        {
            Input.IsSuperuser = Subject.IsSuperuser;
        }

        var offeredGroups = chosenGroups.Where(g => AllGroups.Any(offered => offered.Id == g)).ToList();
        var refusals = await editor.RefusalsAsync(Access, Subject, Input, offeredGroups, [.. chosenPermissions.Where(Permissions.Exists)], cancellationToken);
        foreach (var (field, reason) in refusals)
        {
            ModelState.AddModelError($"Input.{field}", reason);
        }

        if (ModelState.GetFieldValidationState("Input.UserName") != ModelValidationState.Invalid)
        {
            IdentityErrors.AddTo(ModelState, await editor.ValidateChangeAsync(Subject, Input), "Input", "UserName");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var groups = AllGroups.Where(g => chosenGroups.Contains(g.Id)).ToList();
        var errors = await editor.SaveAsync(Access, Subject, Input, groups, chosenPermissions, cancellationToken);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "UserName");
            return Page();
        }

        return ChangeSaved(AdminModel.User, id, Subject.UserName!, keepEditing, addAnother);
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

        await editor.SignOutEverywhereAsync(Access, Subject, cancellationToken);
        Success(id == Access.UserId
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
        AllGroups = await editor.AllGroupsAsync(cancellationToken);
        if (Access.Has(Permissions.ChangeUser))
        {
            Refusal = await guard.CannotManageAsync(Access, user, cancellationToken);
        }

        return true;
    }
}

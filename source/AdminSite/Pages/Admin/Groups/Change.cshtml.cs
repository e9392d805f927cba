using AdminSite.Authorization;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.ViewGroup, Permissions.ChangeGroup)]
public sealed class ChangeModel(RoleManager<AdminGroup> roles, GroupStore store) : AdminPageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public AdminGroup Subject { get; private set; } = new();

    public bool ReadOnly => !Access.Has(Permissions.ChangeGroup);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await roles.FindByIdAsync(id) is not { } group)
        {
            return MissingObject(AdminModel.Group, id);
        }

        Subject = group;
        Input = new GroupInput { Name = group.Name ?? "", Permissions = [.. await store.PermissionsOfAsync(id, cancellationToken)] };
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

        if (await roles.FindByIdAsync(id) is not { } group)
        {
            return MissingObject(AdminModel.Group, id);
        }

        Subject = group;
        // Every error at once, as Django's form shows them: the name's, the choices' and the privilege guard's.
        var permissions = ChosenPermissions(Input.Permissions, "Input.Permissions");
        // Model binding leaves an empty field null, whatever the property's type says.
        var name = (Input.Name ?? "").Trim();
        var nameValid = ModelState.GetFieldValidationState("Input.Name") != ModelValidationState.Invalid;
        var problems = await store.ValidateAsync(Access, group, name, [.. permissions.Where(Permissions.Exists)], nameValid, cancellationToken);
        IdentityErrors.AddTo(ModelState, problems, "Input", "Name");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await store.SaveAsync(Access, group, name, permissions, isNew: false, cancellationToken);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "Name");
            return Page();
        }

        return ChangeSaved(AdminModel.Group, id, name, keepEditing, addAnother);
    }
}

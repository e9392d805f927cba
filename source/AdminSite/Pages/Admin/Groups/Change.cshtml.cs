using AdminSite.Authorization;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

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
        var permissions = ChosenPermissions(Input.Permissions, "Input.Permissions");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var name = Input.Name.Trim();
        var errors = await store.SaveAsync(Access, group, name, permissions, isNew: false, cancellationToken);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "Name");
            return Page();
        }

        return ChangeSaved(AdminModel.Group, id, name, keepEditing, addAnother);
    }
}

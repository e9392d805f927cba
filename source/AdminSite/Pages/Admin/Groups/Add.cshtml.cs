using AdminSite.Authorization;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminSite.Pages.Admin.Groups;

[RequirePermission(Permissions.AddGroup)]
public sealed class AddModel(GroupStore store) : AdminPageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "_addanother")] string? addAnother, [FromForm(Name = "_continue")] string? keepEditing, CancellationToken cancellationToken)
    {
        // Every error at once, as Django's form shows them: the name's, the choices' and the privilege guard's.
        var permissions = ChosenPermissions(Input.Permissions, "Input.Permissions");
        var group = new AdminGroup();
        // Model binding leaves an empty field null, whatever the property's type says.
        var name = (Input.Name ?? "").Trim();
        var nameValid = ModelState.GetFieldValidationState("Input.Name") != ModelValidationState.Invalid;
        var problems = await store.ValidateAsync(Access, group, name, [.. permissions.Where(Permissions.Exists)], nameValid, cancellationToken);
        IdentityErrors.AddTo(ModelState, problems, "Input", "Name");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await store.SaveAsync(Access, group, name, permissions, isNew: true, cancellationToken);
        if (errors.Count > 0)
        {
            IdentityErrors.AddTo(ModelState, errors, "Input", "Name");
            return Page();
        }

        if (addAnother is not null)
        {
            Success($"The group “{name}” was added successfully. You may add another group below.");
            return RedirectToPage();
        }

        if (keepEditing is not null)
        {
            Success($"The group “{name}” was added successfully. You may edit it again below.");
            return RedirectToPage("Change", new { id = group.Id });
        }

        Success($"The group “{name}” was added successfully.");
        return RedirectToPage("Index");
    }
}

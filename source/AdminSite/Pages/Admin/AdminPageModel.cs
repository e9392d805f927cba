using AdminSite.Authorization;
using AdminSite.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminSite.Pages.Admin;

/// <summary>Every admin page: knows what the user may do and can leave messages for the next page.</summary>
/// <remarks>Never stored by a browser or proxy cache (Django's never_cache): pages show keys, codes and personal data.</remarks>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class AdminPageModel : PageModel
{
    /// <summary>Django's error for a submitted choice that the form never offered.</summary>
    protected const string InvalidChoice = "Select a valid choice. That choice is not one of the available choices.";

    public AdminAccess Access { get; private set; } = AdminAccess.Nobody;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Access = await HttpContext.RequestServices.GetRequiredService<AdminAccessProvider>().GetAsync(User, HttpContext.RequestAborted);
        await next();
    }

    /// <summary>The permissions ticked in the form's <paramref name="field"/>, each once; one the form never offers is an invalid choice.</summary>
    protected List<string> ChosenPermissions(IEnumerable<string> posted, string field)
    {
        var chosen = posted.Distinct().ToList();
        if (chosen.Any(p => !Permissions.Exists(p)))
        {
            ModelState.AddModelError(field, InvalidChoice);
        }

        return chosen;
    }

    protected void Success(string text) => TempData.AddMessage(MessageLevel.Success, text);

    protected void Warning(string text) => TempData.AddMessage(MessageLevel.Warning, text);

    protected void Error(string text) => TempData.AddMessage(MessageLevel.Error, text);

    /// <summary>Django answers a missing object by redirecting home with a warning, not with a bare 404.</summary>
    protected IActionResult MissingObject(AdminModel model, string id)
    {
        Warning($"{Format.Capitalize(model.VerboseName)} with ID “{id}” doesn’t exist. Perhaps it was deleted?");
        return RedirectToPage("/Admin/Index");
    }

    /// <summary>
    /// Where Django's change form goes after a save, by the button that was pressed: "Save and continue
    /// editing" (<paramref name="keepEditing"/>), "Save and add another" (<paramref name="addAnother"/>) or "Save".
    /// </summary>
    protected IActionResult ChangeSaved(AdminModel model, string id, string name, string? keepEditing, string? addAnother)
    {
        var saved = $"The {model.VerboseName} “{name}” was changed successfully.";
        if (keepEditing is not null)
        {
            Success($"{saved} You may edit it again below.");
            return RedirectToPage(new { id });
        }

        if (addAnother is not null)
        {
            Success($"{saved} You may add another {model.VerboseName} below.");
            return RedirectToPage(model.AddPage);
        }

        Success(saved);
        return RedirectToPage(model.ChangeListPage);
    }
}

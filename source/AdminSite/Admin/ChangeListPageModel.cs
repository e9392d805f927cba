using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Admin;

/// <summary>A changelist page: its action menu sends the ticked rows on to the chosen action's confirmation page.</summary>
public abstract class ChangeListPageModel : AdminPageModel
{
    /// <summary>
    /// Checks the menu's choice (<paramref name="action"/> is null when <paramref name="actionName"/> is none of
    /// this list's) and the selection; a mistake returns to the list as it was filtered, with a warning.
    /// </summary>
    protected IActionResult StartAction(string? actionName, string[] selected, BulkAction? action)
    {
        var back = Request.Path + Request.QueryString;
        if (action is null)
        {
            Warning(string.IsNullOrEmpty(actionName) ? "No action selected." : "Unknown action.");
            return Redirect(back);
        }

        if (!Access.Has(action.Permission))
        {
            return Forbid();
        }

        if (selected.Length == 0)
        {
            Warning(BulkAction.NothingSelected);
            return Redirect(back);
        }

        return RedirectToPage(action.ConfirmationPage, new { ids = selected });
    }
}

using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>A changelist page: its action menu sends the ticked rows on to the chosen action's confirmation page.</summary>
public abstract class ChangeListPageModel : AdminPageModel
{
    /// <summary>The changelist form's field for Django's "Select all N objects": "1" when the action is for every match.</summary>
    public const string SelectAcross = "select_across";

    /// <summary>
    /// Checks the menu's choice (<paramref name="action"/> is null when <paramref name="actionName"/> is none of
    /// this list's) and the selection; a mistake returns to the list as it was filtered, with a warning. With
    /// "select all" the confirmation page gets the list's search and filters instead of ids, and lists every match.
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

        if (Request.Form[SelectAcross] == "1")
        {
            // The list's search and filters go along; its page and order mean nothing to the action.
            var query = new ChangeListQuery(Request.Query).With((ChangeListQuery.Order, null), (SelectAcross, "1"));
            return Redirect(Url.Page(action.ConfirmationPage) + query);
        }

        if (selected.Length == 0)
        {
            Warning(BulkAction.NothingSelected);
            return Redirect(back);
        }

        return RedirectToPage(action.ConfirmationPage, new { ids = selected });
    }
}

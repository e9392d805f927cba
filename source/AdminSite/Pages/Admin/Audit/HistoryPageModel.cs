using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.Audit;

/// <summary>An object's change history page; still readable after the object is deleted, since the log outlives it.</summary>
public abstract class HistoryPageModel(AdminDbContext db, AdminModel model) : AdminPageModel
{
    public History History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var name = await CurrentNameAsync(db, id, cancellationToken);
        var history = await History.LoadAsync(db, model, id, name, new ChangeListQuery(Request.Query), cancellationToken);
        if (history is null)
        {
            return MissingObject(model, id);
        }

        History = history;
        return Page();
    }

    /// <summary>The object's name, or null when it does not exist (any more).</summary>
    protected abstract Task<string?> CurrentNameAsync(AdminDbContext db, string id, CancellationToken cancellationToken);
}

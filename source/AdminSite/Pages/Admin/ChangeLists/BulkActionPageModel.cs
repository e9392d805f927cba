using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>
/// Django's bulk-action confirmation: the rows ticked on the changelist are listed for a "Yes, I’m sure", and
/// the post applies the action to all of them, or to none when it is refused, then returns to the list.
/// </summary>
public abstract class BulkActionPageModel<T> : AdminPageModel
{
    /// <summary>
    /// The confirmation lists every target: ten changelist pages' worth bounds both the query and the page,
    /// and how much one click can change.
    /// </summary>
    public const int MaxSelected = Paginator.DefaultPerPage * 10;

    public IReadOnlyList<T> Targets { get; private set; } = [];

    /// <summary>
    /// Whether the confirmation page is refused already, not only the post: activation says no before asking,
    /// deletion shows what would go first.
    /// </summary>
    protected virtual bool RefuseBeforeConfirming => false;

    public async Task<IActionResult> OnGetAsync([FromQuery] string[] ids, CancellationToken cancellationToken)
    {
        // "Select all N" on the changelist: every match of its search and filters, resolved to ids here, so the
        // post changes exactly the objects this page listed, not whatever matches by then.
        if (Request.Query[ChangeListPageModel.SelectAcross] == "1")
        {
            var query = new ChangeListQuery(Request.Query);
            Targets = await FindMatchingAsync(query, MaxSelected + 1, cancellationToken);
            if (Targets.Count > MaxSelected)
            {
                Error($"An action runs on at most {MaxSelected} objects at a time. Narrow the list with its search or filters. Nothing was changed.");
                return Redirect(Url.Page("Index") + query.With((ChangeListPageModel.SelectAcross, null)));
            }

            if (Targets.Count == 0)
            {
                return NothingSelected();
            }
        }
        else if (!await SelectAsync(ids, cancellationToken))
        {
            return NothingSelected();
        }

        return RefuseBeforeConfirming && await RefusalAsync(cancellationToken) is { } reason ? Refused(reason) : Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string[] ids, CancellationToken cancellationToken)
    {
        if (!await SelectAsync(ids, cancellationToken))
        {
            return NothingSelected();
        }

        if (await RefusalAsync(cancellationToken) is { } reason)
        {
            return Refused(reason);
        }

        Success(await ApplyAsync(cancellationToken));
        return RedirectToPage("Index");
    }

    /// <summary>Those of <paramref name="ids"/> that exist, in the order the confirmation lists them.</summary>
    protected abstract Task<List<T>> FindAsync(List<string> ids, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> objects the changelist shows for <paramref name="query"/> (all its pages), in confirmation order.</summary>
    protected abstract Task<List<T>> FindMatchingAsync(ChangeListQuery query, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Why the action may not be applied to <see cref="Targets"/>, as the list shows it (saying that nothing
    /// changed), or null when it may.
    /// </summary>
    protected virtual Task<string?> RefusalAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Applies the action to every one of <see cref="Targets"/>; returns the message for the list.</summary>
    protected abstract Task<string> ApplyAsync(CancellationToken cancellationToken);

    private async Task<bool> SelectAsync(string[] ids, CancellationToken cancellationToken)
    {
        Targets = await FindAsync(ids.Distinct().Take(MaxSelected).ToList(), cancellationToken);
        return Targets.Count > 0;
    }

    private RedirectToPageResult NothingSelected()
    {
        Warning(BulkAction.NothingSelected);
        return RedirectToPage("Index");
    }

    private RedirectToPageResult Refused(string reason)
    {
        Error(reason);
        return RedirectToPage("Index");
    }
}

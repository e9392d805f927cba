using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Audit;

/// <summary>The whole audit log, newest first, for superusers: who did what to which object, with the values.</summary>
[Authorize(Policy = AdminPolicies.Superuser)]
public sealed class IndexModel(AdminDbContext db) : AdminPageModel
{
    public ChangeListQuery Query { get; private set; } = new(new QueryCollection());

    public AuditFilter Filter { get; private set; } = null!;

    public Paginator Paginator { get; private set; } = new(0, 1);

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool IsFiltered => Query.IsFiltered(AuditFilter.Keys);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = new ChangeListQuery(Request.Query);
        Filter = AuditFilter.Parse(Query);
        var entries = db.AuditEntries.AsNoTracking().Where(Filter.Predicate());
        // The log only grows: a filter's matches are counted up to a bound, as the users changelist counts them.
        var counts = await ResultCounts.CountAsync(db, IsFiltered ? entries : null, cancellationToken);
        (Paginator, var page) = await Paginator.ReadAsync(counts, Query.PageNumber,
            paginator => entries.OrderByDescending(e => e.ActionTime).ThenByDescending(e => e.Id)
                .Skip(paginator.Skip).Take(paginator.PerPage).ToListAsync(cancellationToken),
            () => entries.CountAsync(cancellationToken));
        Entries = page;
    }

    /// <summary>The object's history page, which stays readable after the object is deleted.</summary>
    public string? HistoryUrl(AuditEntry entry) => AdminModel.Find(entry.ObjectType) is { } model
        ? Url.Page(model == AdminModel.User ? "/Admin/Users/History" : "/Admin/Groups/History", new { id = entry.ObjectId })
        : null;
}

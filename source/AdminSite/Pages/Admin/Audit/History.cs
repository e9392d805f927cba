using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Audit;

/// <summary>One object's audit entries, oldest first and paginated, as Django's history page shows them.</summary>
public sealed class History
{
    public required AdminModel Model { get; init; }

    public required string ObjectId { get; init; }

    /// <summary>The object's current name, or the last one logged when it has been deleted.</summary>
    public required string ObjectRepr { get; init; }

    public required bool Exists { get; init; }

    public required Paginator Paginator { get; init; }

    public required IReadOnlyList<AuditEntry> Entries { get; init; }

    public required ChangeListQuery Query { get; init; }

    /// <summary>Null when the object never existed (or left no trace).</summary>
    public static async Task<History?> LoadAsync(
        AdminDbContext db, AdminModel model, string id, string? currentRepr, ChangeListQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.ObjectType == model.Key && e.ObjectId == id);
        var count = await entries.CountAsync(cancellationToken);
        if (currentRepr is null && count == 0)
        {
            return null;
        }

        var paginator = new Paginator(count, query.PageNumber);
        var page = await entries.OrderBy(e => e.ActionTime).ThenBy(e => e.Id)
            .Skip(paginator.Skip).Take(paginator.PerPage).ToListAsync(cancellationToken);
        var repr = currentRepr ?? await entries.OrderByDescending(e => e.Id).Select(e => e.ObjectRepr).FirstAsync(cancellationToken);
        return new History
        {
            Model = model,
            ObjectId = id,
            ObjectRepr = repr,
            Exists = currentRepr is not null,
            Paginator = paginator,
            Entries = page,
            Query = query,
        };
    }
}

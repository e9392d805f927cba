using System.Runtime.CompilerServices;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Audit;

/// <summary>The audit log as CSV, with the browser's filters, newest first; streamed like the users export.</summary>
[Authorize(Policy = AdminPolicies.Superuser)]
public sealed class ExportModel(AdminDbContext db, TimeProvider time) : AdminPageModel
{
    public static readonly IReadOnlyList<string> Header =
        ["Time (UTC)", "Actor", "Actor ID", "Action", "Object type", "Object ID", "Object", "Description", "Changes"];

    public IActionResult OnGet()
    {
        var filter = AuditFilter.Parse(new ChangeListQuery(Request.Query));
        var entries = db.AuditEntries.AsNoTracking().Where(filter.Predicate()).OrderByDescending(e => e.ActionTime).ThenByDescending(e => e.Id);
        return new CsvResult(Csv.FileName("audit", time), Header, CellsAsync(entries));
    }

    private static async IAsyncEnumerable<string?[]> CellsAsync(IQueryable<AuditEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in entries.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return
            [
                Csv.Timestamp(e.ActionTime), e.ActorUserName, e.ActorId, e.Action.ToString(),
                e.ObjectType, e.ObjectId, e.ObjectRepr, AuditLog.Describe(e), Describe(AuditLog.ChangesOf(e)),
            ];
        }
    }

    private static string Describe(IReadOnlyList<FieldChange> changes) =>
        string.Join("; ", changes.Select(c => $"{c.Field}: {Value(c.Before)} → {Value(c.After)}"));

    private static string Value(string? value) => value is null ? "—" : $"“{value}”";
}

using System.Runtime.CompilerServices;
using AdminSite.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminSite.Observability;

/// <summary>
/// Counts audit entries once they are saved, not when <see cref="AuditLog"/> queues them: an entry is written by the
/// SaveChanges of the change it describes, and a save that fails writes none.
/// </summary>
internal sealed class AuditEntryMetrics(SiteMetrics metrics) : SaveChangesInterceptor
{
    private static readonly Dictionary<AuditAction, string> Actions =
        Enum.GetValues<AuditAction>().ToDictionary(action => action, action => action.ToString().ToLowerInvariant());

    // What a context is saving, between SavingChanges and SavedChanges (a context saves one thing at a time).
    private readonly ConditionalWeakTable<DbContext, Dictionary<AuditAction, int>> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var added = context.ChangeTracker.Entries<AuditEntry>()
            .Where(entry => entry.State == EntityState.Added)
            .GroupBy(entry => entry.Entity.Action)
            .ToDictionary(group => group.Key, group => group.Count());
        if (added.Count > 0)
        {
            _saving.AddOrUpdate(context, added);
        }
        else
        {
            _saving.Remove(context);
        }
    }

    private void Count(DbContext? context)
    {
        if (context is not null && _saving.TryGetValue(context, out var added))
        {
            _saving.Remove(context);
            foreach (var (action, count) in added)
            {
                metrics.AuditEntriesWritten(Actions[action], count);
            }
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _saving.Remove(context);
        }
    }
}

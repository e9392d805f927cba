using System.Data.Common;
using AdminSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminSite.Hosting;

/// <summary>
/// Not ready while the database refuses writes (a read-only or full volume, a PostgreSQL replica in recovery):
/// every sign-in writes, so a site that can only read serves nobody. Connecting, which the plain database check
/// does, says nothing about that.
/// </summary>
internal sealed class WritableDatabaseCheck(AdminDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await RefusalAsync(db, cancellationToken) is { } reason ? HealthCheckResult.Unhealthy($"The database refuses writes: {reason}") : HealthCheckResult.Healthy();

    /// <summary>
    /// Why the database refuses writes, or null when it takes them: a delete of nothing, rolled back. Both
    /// databases refuse the statement itself when they are read-only, whatever it would have deleted.
    /// </summary>
    public static async Task<string?> RefusalAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LoginFailures.Where(f => f.Key == "").ExecuteDeleteAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }
        catch (DbException e)
        {
            return e.Message;
        }
    }
}

using AdminSite.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminSite.Hosting;

/// <summary>
/// Not ready while the database's schema does not match this build: migrations still to run (the init
/// container has not finished), or migrations a newer build applied while this one was running.
/// </summary>
internal sealed class SchemaHealthCheck(AdminDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var schema = await SchemaVersion.ReadAsync(db.Database, cancellationToken);
        return schema switch
        {
            { IsNewerThanBuild: true } => HealthCheckResult.Unhealthy(schema.NewerThanBuildMessage),
            { Pending.Count: > 0 } => HealthCheckResult.Unhealthy(schema.PendingMessage),
            _ => HealthCheckResult.Healthy(),
        };
    }
}

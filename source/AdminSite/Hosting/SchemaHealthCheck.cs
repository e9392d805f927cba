using AdminSite.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminSite.Hosting;

/// <summary>
/// Not ready while this build cannot serve the database's schema: migrations still to run (the init container has
/// not finished), or a migration a newer build applied that this one cannot run on. Migrations a newer build applied
/// that are recorded as compatible (a rolling deploy's new pod migrating while this one serves) keep it ready.
/// </summary>
internal sealed class SchemaHealthCheck(AdminDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var schema = await SchemaVersion.ReadAsync(db.Database, cancellationToken);
        return schema switch
        {
            { Refusal: not null } => HealthCheckResult.Unhealthy(schema.NewerThanBuildMessage),
            { Pending.Count: > 0 } => HealthCheckResult.Unhealthy(schema.PendingMessage),
            { IsCompatiblyNewer: true } => HealthCheckResult.Healthy(schema.CompatiblyNewerMessage),
            _ => HealthCheckResult.Healthy(),
        };
    }
}

using AdminSite.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminSite.Hosting;

internal static class HealthExtensions
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    public static void AddAdminHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddDbContextCheck<AdminDbContext>("database", tags: ["ready"])
            .AddCheck<WritableDatabaseCheck>("writable", tags: ["ready"])
            .AddCheck<SchemaHealthCheck>("schema", tags: ["ready"]);

        // Probes call the pod by IP, a Host that AllowedHosts would reject, so they are answered before
        // host filtering: this filter is registered first and therefore wraps every other one.
        builder.Services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, HealthProbeStartupFilter>());
    }

    private sealed class HealthProbeStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live"), ResponseWriter = HealthResponse.WriteAsync });
            app.UseNotReadyWhileStopping(ReadinessPath);
            app.UseHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync });
            next(app);
        };
    }
}

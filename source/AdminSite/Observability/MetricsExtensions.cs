using System.Diagnostics.Metrics;
using AdminSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace AdminSite.Observability;

/// <summary>
/// Metrics with OpenTelemetry, in Prometheus format on their own port (<see cref="MetricsServer"/>): the framework's
/// meters (HTTP server by route and status, Kestrel, Identity, rate limiting, runtime and GC, EF Core, Npgsql's
/// connection pool), database command durations, and the site's own counters (<see cref="SiteMetrics"/>).
/// </summary>
internal static class MetricsExtensions
{
    /// <summary>The OpenTelemetry service name: the <c>service_name</c> of the <c>target_info</c> metric.</summary>
    public const string ServiceName = "admin-site";

    public static void AddAdminMetrics(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName)
            .Validate(o => o.Port is >= 0 and <= 65535, "Metrics:Port must be a port number (0 picks a free one).")
            .ValidateOnStart();
        services.AddSingleton<SiteMetrics>();
        services.AddSingleton<DatabaseCommandMetrics>();
        services.AddSingleton<AuditEntryMetrics>();
        services.AddSingleton<MetricsServer>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsServer>());

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: SiteVersion.Version, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(SiteMetrics.MeterName, DatabaseCommandMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql")
                    .AddPrometheusExporter();
                // Decided when the provider is built, not here: test hosts and commands add their configuration later.
                ((IDeferredMeterProviderBuilder)metrics).Configure((sp, provider) => provider.AddView(
                    sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled ? NpgsqlDurationDropped : _ => MetricStreamConfiguration.Drop));
            });

        // Only while metrics are on: off, EF Core runs exactly as it would without them.
        services.ConfigureDbContext<SqliteAdminDbContext>(AddInterceptors, AdminDbContextOptions.Lifetime);
        services.ConfigureDbContext<PostgresAdminDbContext>(AddInterceptors, AdminDbContextOptions.Lifetime);
    }

    private static void AddInterceptors(IServiceProvider services, DbContextOptionsBuilder options)
    {
        if (services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            options.AddInterceptors(services.GetRequiredService<DatabaseCommandMetrics>(), services.GetRequiredService<AuditEntryMetrics>());
        }
    }

    // DatabaseCommandMetrics measures every provider under this name; Npgsql's own would count PostgreSQL twice.
    private static MetricStreamConfiguration? NpgsqlDurationDropped(Instrument instrument) =>
        instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration" ? MetricStreamConfiguration.Drop : null;
}

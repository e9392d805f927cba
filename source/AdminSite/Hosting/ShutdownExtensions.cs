using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdminSite.Hosting;

/// <summary>
/// The <c>Shutdown</c> section. On SIGTERM the host fires ApplicationStopping (readiness fails at once), waits
/// <see cref="DrainDelaySeconds"/> while still serving, then stops Kestrel, which refuses new connections and
/// lets requests in flight finish within the host's shutdown timeout (<c>DOTNET_SHUTDOWNTIMEOUTSECONDS</c>,
/// 30 s by default, which covers the delay too).
/// </summary>
/// <remarks>
/// Zero by default: in Kubernetes the pod's preStop hook does this waiting before SIGTERM arrives. Without a
/// preStop hook, set it to how long the load balancer takes to notice a failing readiness probe.
/// </remarks>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    public int DrainDelaySeconds { get; set; }
}

internal static class ShutdownExtensions
{
    public static void AddGracefulShutdown(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName)
            .Validate(o => o.DrainDelaySeconds >= 0, "Shutdown:DrainDelaySeconds cannot be negative.")
            .ValidateOnStart();
        builder.Services.AddHostedService<DrainDelay>();
    }

    /// <summary>Keeps the server answering (with readiness failing) for the drain delay before it stops.</summary>
    private sealed class DrainDelay(IOptions<ShutdownOptions> options) : IHostedLifecycleService
    {
        // Runs before any hosted service's StopAsync, the web server's included; the token is the shutdown timeout.
        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            if (options.Value.DrainDelaySeconds <= 0)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.DrainDelaySeconds), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out first: stop now.
            }
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>
/// Not ready from the moment shutdown begins (SIGTERM): the load balancer stops sending new requests while
/// the ones in flight finish. See <see cref="ShutdownOptions"/> for how long the server keeps answering.
/// </summary>
/// <remarks>
/// Answered before the readiness checks run, not as one of them: an unhealthy check is logged as an error, and
/// every readiness probe during a normal drain would write one. Nor is the database asked while the pod is going.
/// </remarks>
internal static class NotReadyWhileStopping
{
    public static IApplicationBuilder UseNotReadyWhileStopping(this IApplicationBuilder app, PathString readinessPath)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.UseWhen(
            context => stopping.IsCancellationRequested && context.Request.Path == readinessPath,
            branch => branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return HealthResponse.WriteAsync(context, new HealthReport(new Dictionary<string, HealthReportEntry>(), HealthStatus.Unhealthy, TimeSpan.Zero));
            }));
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace AdminSite.Observability;

/// <summary>
/// A Kestrel server of its own on <see cref="MetricsOptions.Port"/> that answers <see cref="MetricsOptions.Path"/> and
/// nothing else. A second endpoint of the site's server would share its pipeline (a Host header naming the metrics
/// port would reach /metrics through the public port) and would override the site's ASPNETCORE_HTTP_PORTS or --urls.
/// </summary>
internal sealed partial class MetricsServer(IServiceProvider services, IOptions<MetricsOptions> options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<MetricsServer>();
    private KestrelServer? _server;

    /// <summary>Where the metrics are, once started (<c>http://[::]:9090/metrics</c>); null when metrics are off.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var kestrel = new KestrelServerOptions { ApplicationServices = services, AddServerHeader = false };
        kestrel.ListenAnyIP(settings.Port);
        var server = new KestrelServer(Options.Create(kestrel), new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers), loggers);

        var pipeline = new ApplicationBuilder(services);
        pipeline.UseOpenTelemetryPrometheusScrapingEndpoint(services.GetRequiredService<MeterProvider>(),
            context => context.Request.Path == MetricsOptions.Path, path: null, configureBranchedPipeline: null, optionsName: null);
        pipeline.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        try
        {
            await server.StartAsync(new Application(pipeline.Build(), services), cancellationToken);
        }
        catch (IOException e)
        {
            server.Dispose();
            throw new InvalidOperationException(
                $"The metrics port {settings.Port} cannot be opened ({e.Message}). Set Metrics__Port to a free port (0 picks one) or Metrics__Enabled=false.", e);
        }

        _server = server;
        var bound = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Address = new Uri(bound, MetricsOptions.Path);
        LogListening(_logger, Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics on {Address}")]
    private static partial void LogListening(ILogger logger, Uri address);

    /// <summary>The least a server needs to run a pipeline: no hosting diagnostics, so scrapes are not counted as site requests.</summary>
    private sealed class Application(RequestDelegate pipeline, IServiceProvider services) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures) { RequestServices = services };

        public Task ProcessRequestAsync(HttpContext context) => pipeline(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}

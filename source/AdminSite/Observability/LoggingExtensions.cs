using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;

namespace AdminSite.Observability;

/// <summary>
/// Logs for machines outside Development: the framework's JSON console formatter, one event per line, with the
/// request's scopes (TraceId, SpanId, RequestPath, ...) and one line per request (<see cref="RequestLogging"/>).
/// Development keeps the plain formatter. <c>Logging__Console__FormatterName</c> (json, simple, systemd) overrides both.
/// </summary>
internal static class LoggingExtensions
{
    public static void AddAdminLogging(this IHostApplicationBuilder builder)
    {
        // Resolved when the logger is built, not here: test hosts set the environment and configuration later.
        builder.Services.AddOptions<ConsoleLoggerOptions>().Configure<IHostEnvironment, IConfiguration>((options, environment, configuration) =>
        {
            if (configuration["Logging:Console:FormatterName"] is null)
            {
                options.FormatterName = environment.IsDevelopment() ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json;
            }
        });
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            // Quotes and control characters are still escaped; messages with apostrophes or accents stay readable.
            options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
    }

    /// <summary>Outermost, so the line has the status the client got, error pages and rate-limit refusals included.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) => app.UseMiddleware<RequestLogging>();
}

using System.Diagnostics;
using System.Security.Claims;

namespace AdminSite.Observability;

/// <summary>
/// One line per request, in category <see cref="Category"/>: method, route template (never the query string, which
/// may hold search terms), status, duration and the signed-in user's id. The trace id comes with the request's scope.
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILoggerFactory loggers)
{
    /// <summary>Turn these lines off with <c>Logging__LogLevel__AdminSite.Requests=Warning</c>.</summary>
    public const string Category = "AdminSite.Requests";

    /// <summary>The user id of a request nobody is signed in to, as access logs write it.</summary>
    public const string Anonymous = "-";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            // An exception that escapes every handler becomes a 500 once it leaves this middleware.
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            LogRequest(_logger, context.Request.Method, route, status, Stopwatch.GetElapsedTime(start).TotalMilliseconds,
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Anonymous);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms, user {UserId}")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMilliseconds, string userId);
}

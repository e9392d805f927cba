using System.Net;
using AdminSite.Pages.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminSite.Hosting;

/// <summary>
/// Plain error pages written by middleware, not Razor pages: an error page reached by re-executing a
/// failed POST would otherwise have to accept POSTs without an antiforgery token. A signed-in user refused
/// a page gets the admin's own 403 page instead (<see cref="PermissionDenied"/>, a view, not a page either).
/// </summary>
internal static class ErrorPages
{
    public static Task WriteServerErrorAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return WriteAsync(context.Response, "Server Error (500)",
            "There’s been an error. It’s been reported to the site administrators and should be fixed shortly.");
    }

    /// <summary>
    /// The login throttle's answer. It names the client's address, never the account, so it reads the same
    /// whether or not the user name exists.
    /// </summary>
    public static Task WriteTooManyLoginAttemptsAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var wait = seconds < 60 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minute{(seconds > 60 ? "s" : "")}";
        return WriteAsync(context.Response, "Too many login attempts (429)",
            $"Too many login attempts have come from your network. Wait {wait} and try again.",
            ("/Identity/Account/Login", "Back to the login page"));
    }

    public static Task WriteStatusPageAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        if (status == StatusCodes.Status403Forbidden && context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            return PermissionDenied.WriteAsync(context.HttpContext);
        }

        var reason = ReasonPhrases.GetReasonPhrase(status);
        var detail = status switch
        {
            400 => "The request could not be accepted. If you submitted a form, go back, reload the page and try again.",
            403 => "You do not have permission to view this page.",
            404 => "The requested resource was not found on this server.",
            _ => "",
        };
        return WriteAsync(context.HttpContext.Response, $"{reason} ({status})", detail);
    }

    private static Task WriteAsync(HttpResponse response, string title, string detail, (string Href, string Text)? link = null)
    {
        var (href, text) = link ?? ("/admin/", "Back to the site administration");
        response.ContentType = "text/html; charset=utf-8";
        // The same versioned stylesheets as the layout's asp-append-version links.
        var versions = response.HttpContext.RequestServices.GetRequiredService<IFileVersionProvider>();
        var stylesheets = string.Concat(SiteAssets.Stylesheets.Select(path =>
            $"""<link rel="stylesheet" href="{WebUtility.HtmlEncode(versions.AddFileVersionToPath(response.HttpContext.Request.PathBase, path))}">"""));
        var body = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)}</title>
            {stylesheets}</head>
            <body class="error-page"><header id="header"><div id="branding"><a href="/admin/">Administration</a></div></header>
            <main class="content"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(detail)}</p>
            <p><a href="{href}">{WebUtility.HtmlEncode(text)}</a></p></main></body></html>
            """;
        return response.WriteAsync(body);
    }
}

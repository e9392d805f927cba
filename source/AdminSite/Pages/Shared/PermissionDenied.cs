using AdminSite.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AdminSite.Pages.Shared;

/// <summary>
/// The answer to a signed-in user refused a page or an action: 403 at the address they asked for, as Django
/// answers, drawn in the admin's layout with breadcrumbs and a way back (instead of a redirect to a 200 page).
/// </summary>
/// <param name="UserName">Who is signed in.</param>
/// <param name="IsStaff">False when the account may not use the admin at all (no longer staff): it can only log in as someone else.</param>
/// <param name="BackUrl">The page of this site the user came from, or null.</param>
/// <param name="LoginUrl">The login form, returning here after a login as somebody else (a staff member logs out first instead: the form sends them on).</param>
public sealed record PermissionDenied(string UserName, bool IsStaff, string? BackUrl, string LoginUrl)
{
    private const string ViewPath = "/Pages/Shared/PermissionDenied.cshtml";

    /// <summary>Writes the page for the refused request (its status is already 403); called by the status code pages.</summary>
    public static async Task WriteAsync(HttpContext http)
    {
        var access = await http.RequestServices.GetRequiredService<AdminAccessProvider>().GetAsync(http.User, http.RequestAborted);
        var request = http.Request;
        var here = request.PathBase + request.Path + request.QueryString;
        var returnUrl = HttpMethods.IsGet(request.Method) ? here.ToString() : LocalUrls.Home;
        var model = new PermissionDenied(
            http.User.Identity?.Name ?? access.UserName,
            access.IsStaff,
            SameSiteReferer(request, here),
            $"/Identity/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}");

        // Like every admin page: never stored by a browser or proxy cache.
        http.Response.Headers.CacheControl = "no-store";
        var metadata = http.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var result = new ViewResult
        {
            ViewName = ViewPath,
            StatusCode = StatusCodes.Status403Forbidden,
            ViewData = new ViewDataDictionary<PermissionDenied>(metadata, new ModelStateDictionary()) { Model = model },
        };
        await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }

    // The browser sends the referring page only within this site (Referrer-Policy: same-origin); check anyway.
    private static string? SameSiteReferer(HttpRequest request, string here)
    {
        if (!Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            || !string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(referer.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = referer.PathAndQuery;
        return path == here ? null : path;
    }
}

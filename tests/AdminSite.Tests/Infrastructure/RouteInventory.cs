using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Infrastructure;

/// <summary>Every route the site maps, read from its endpoint data source, so a new page is covered without a test edit.</summary>
public static class RouteInventory
{
    /// <summary>Routes anyone may reach. Everything else must deny anonymous and non-staff users.</summary>
    public static readonly IReadOnlySet<string> Public = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/",
        "/Identity/Account/Login",
        "/Identity/Account/LoginWith2fa",
        "/Identity/Account/Logout",
        "/Identity/Account/Lockout",
    };

    public sealed record Route(string Template, IReadOnlyList<string> Methods, bool IsStaticFile);

    public static IReadOnlyList<Route> All(AdminSiteFactory site)
    {
        site.EnsureStarted();
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Select(e => new Route(
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [],
                IsStaticFile(e)))
            .DistinctBy(r => r.Template)
            .ToList();
    }

    // MapStaticAssets maps each file, plus (in builds that are not published) a GET-only fallback for files.
    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
        || (endpoint.RoutePattern.RawText == "{**path:file}"
            && endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.All(m => m is "GET" or "HEAD") == true);

    /// <summary>Routes that are neither public nor static files: they must be staff-only.</summary>
    public static IReadOnlyList<Route> Protected(AdminSiteFactory site) =>
        All(site).Where(r => !r.IsStaticFile && !Public.Contains(r.Template)).ToList();

    /// <summary>A concrete URL for a template, with route values pointing at real objects.</summary>
    public static string Url(string template, string userId, string groupId) =>
        template.Replace("{id}", template.Contains("/group/", StringComparison.Ordinal) ? groupId : userId, StringComparison.Ordinal);
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AdminSite.Hosting;

internal static class SecurityExtensions
{
    /// <summary>No inline script or style anywhere, so the policy can forbid both.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void AddAdminSecurity(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ForwardedHeadersSettings.SectionName).Get<ForwardedHeadersSettings>()
            ?? new ForwardedHeadersSettings();
        // Parsed here, so a typo stops the start with the setting's name instead of failing the first request.
        var networks = settings.KnownNetworks.Select(network => System.Net.IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR network such as 10.0.0.0/16.")).ToList();
        var proxies = settings.KnownProxies.Select(proxy => IPAddress.TryParse(proxy, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            networks.ForEach(options.KnownIPNetworks.Add);
            proxies.ForEach(options.KnownProxies.Add);
            // The middleware believes every sender when both lists are empty, so "nobody" must switch it off.
            options.ForwardedHeaders = settings.TrustsAnyProxy
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            options.ForwardLimit = settings.ForwardLimit;
        });

        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>The client's address and scheme: from the configured proxies' headers, and HTTPS when TLS ends before the site.</summary>
    public static void UseForwardedClient(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Configuration.GetValue<bool>($"{ForwardedHeadersSettings.SectionName}:{nameof(ForwardedHeadersSettings.AssumeHttps)}"))
        {
            app.Use((context, next) =>
            {
                context.Request.Scheme = "https";
                return next(context);
            });
        }
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return next(context);
    });
}

using AdminSite.Bootstrap;
using AdminSite.Commands;
using AdminSite.Observability;

namespace AdminSite.Hosting;

/// <summary>The site's table of contents: each concern registers and maps itself in its own class.</summary>
public static class AdminSiteExtensions
{
    public static WebApplicationBuilder AddAdminSite(this WebApplicationBuilder builder)
    {
        builder.AddAdminLogging();
        builder.AddAdminMetrics();
        builder.AddAdminDatabase();
        builder.AddAdminKeyEncryption();
        builder.AddAdminIdentity();
        builder.AddAdminPages();
        builder.AddAdminSecurity();
        builder.AddAdminRateLimiting();
        builder.AddAdminHealthChecks();
        builder.AddGracefulShutdown();
        builder.AddBootstrapAdmin();
        builder.AddAdminCommands();
        return builder;
    }

    public static WebApplication UseAdminSite(this WebApplication app)
    {
        app.UseRequestLogging();
        app.UseForwardedClient();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(errors => errors.Run(ErrorPages.WriteServerErrorAsync));
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePages(ErrorPages.WriteStatusPageAsync);
        app.UseRouting();
        // After routing (the policy is endpoint metadata) and forwarded headers (the client's real address).
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAdminSite(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapGet("/", () => Results.Redirect("/admin/")).ExcludeFromDescription();
        return app;
    }
}

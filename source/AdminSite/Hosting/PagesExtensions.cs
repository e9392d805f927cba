using System.Text.Encodings.Web;
using System.Text.Unicode;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Pages.Admin.Groups;
using AdminSite.Pages.Admin.TwoFactor;
using AdminSite.Pages.Admin.Users;
using AdminSite.Pages.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace AdminSite.Hosting;

internal static class PagesExtensions
{
    /// <summary>
    /// Identity UI pages the site keeps (scaffolded here, in the admin's look); every other one (registration,
    /// self-service, Identity's own 2FA management) is removed. Two-factor enrolment lives in the admin.
    /// </summary>
    public static readonly IReadOnlySet<string> KeptIdentityPages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Login",
        "/Account/LoginWith2fa",
        "/Account/Logout",
        "/Account/Lockout",
    };

    public static void AddAdminPages(this WebApplicationBuilder builder)
    {
        // Outside a publish folder (dotnet run, tests) assets and their pre-compressed copies live in obj/,
        // which only the static web assets manifest knows; in every environment, not just Development.
        // A published app has no such manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddOptions<AdminSiteOptions>().BindConfiguration(AdminSiteOptions.SectionName)
            .Validate(o => o.HasValidSiteUrl(), "AdminSite:SiteUrl must be empty, an http(s) address or a path starting with a single /.")
            .ValidateOnStart();
        services.AddScoped<AuditLog>();
        services.AddScoped<UserEditor>();
        services.AddScoped<UserDeleter>();
        services.AddScoped<GroupStore>();
        services.AddScoped<PrivilegeGuard>();
        services.AddScoped<UserActivation>();
        services.AddScoped<TwoFactorEnrolment>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", AdminPolicies.Staff);
                options.Conventions.AddFolderApplicationModelConvention("/Admin", model => model.Filters.Add(new TwoFactorEnrolmentFilter()));
                // A page without selectors has no route: the removed Identity pages answer 404.
                options.Conventions.AddAreaFolderRouteModelConvention("Identity", "/", model =>
                {
                    if (!KeptIdentityPages.Contains(model.ViewEnginePath))
                    {
                        model.Selectors.Clear();
                    }
                });
            })
            .AddCookieTempDataProvider(options =>
            {
                options.Cookie.Name = "admin_messages";
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.SameSite = SameSiteMode.Lax;
            });

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "admin_csrf";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = null;
        });

        // Names in any script are shown as typed, not as &#x...; entities (HTML-significant characters are still encoded).
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
    }
}

using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Shared;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Hosting;

internal static class IdentityExtensions
{
    public static void AddAdminIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName)
            .Validate(o => o.LoginRateLimit is { PermitLimit: > 0, WindowSeconds: > 0 } && o.Lockout is { MaxFailedAttempts: > 0, Minutes: > 0, NameBuckets: > 0 },
                "Security: LoginRateLimit:PermitLimit, LoginRateLimit:WindowSeconds, Lockout:MaxFailedAttempts, Lockout:Minutes and Lockout:NameBuckets must be positive.")
            .ValidateOnStart();
        services.AddDefaultIdentity<AdminUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                // Failures are counted by LoginLockout, per name; Identity's per-account counter stays on for the
                // previous release, should it be rolled back to.
                options.Lockout.AllowedForNewUsers = true;

                // Django's rules (length, common, similar, numeric) instead of Identity's character classes.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                // UnicodeUserNameValidator decides which characters a user name may hold.
                options.User.AllowedUserNameCharacters = "";
            })
            .AddRoles<AdminGroup>()
            .AddEntityFrameworkStores<AdminDbContext>()
            .AddUserStore<AdminUserStore>()
            .AddSignInManager<AdminSignInManager>()
            // Replaces Identity's authenticator provider, which accepts a code as often as it likes while it is current.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<AdminClaimsPrincipalFactory>()
            .AddErrorDescriber<AdminIdentityErrorDescriber>()
            .AddUserValidator<UnicodeUserNameValidator>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<NumericPasswordValidator>()
            .AddPasswordValidator<UserAttributeSimilarityValidator>();

        // The lockout comes from the Security section, read when first needed (test hosts configure it late).
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((options, security) =>
        {
            options.Lockout.MaxFailedAccessAttempts = security.Value.Lockout.MaxFailedAttempts;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.Value.Lockout.Minutes);
        });
        // After Identity's own: the last registration wins.
        services.AddSingleton<ILookupNormalizer, AdminLookupNormalizer>();
        services.AddScoped<LoginLockout>();
        services.AddScoped<UserSessions>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "admin_session";
            options.Cookie.HttpOnly = true;
            // Plain http on localhost keeps working; behind TLS (or a TLS load balancer) the cookie is Secure.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.ExpireTimeSpan = UserSessions.IdleLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = PrincipalValidator.ValidateAsync;
            // Signing in on the login page follows its ?returnUrl= itself, decoded: a "Zoë" in it is not a valid header.
            options.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(LocalUrls.AsciiOnly(context.RedirectUri));
                return Task.CompletedTask;
            };
            // Django answers a refused request with 403 at the same address, not with a redirect to another page;
            // the status code page draws it (ErrorPages, PermissionDenied).
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Between the password and the code: who is half-way through signing in, for five minutes.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "admin_2fa";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });

        services.AddScoped<AdminAccessProvider>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, AdminAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Staff, AdminPolicies.StaffPolicy)
            .AddPolicy(AdminPolicies.Superuser, AdminPolicies.SuperuserPolicy);
    }
}

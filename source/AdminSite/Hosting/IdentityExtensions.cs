using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Hosting;

internal static class IdentityExtensions
{
    public static void AddAdminIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDefaultIdentity<AdminUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);

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
            .AddSignInManager<AdminSignInManager>()
            .AddClaimsPrincipalFactory<AdminClaimsPrincipalFactory>()
            .AddErrorDescriber<AdminIdentityErrorDescriber>()
            .AddUserValidator<UnicodeUserNameValidator>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<NumericPasswordValidator>()
            .AddPasswordValidator<UserAttributeSimilarityValidator>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "admin_session";
            options.Cookie.HttpOnly = true;
            // Plain http on localhost keeps working; behind TLS (or a TLS load balancer) the cookie is Secure.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.AccessDeniedPath = "/Identity/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = PrincipalValidator.ValidateAsync;
        });

        services.AddScoped<AdminAccessProvider>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, AdminAccessHandler>();
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicies.Staff, AdminPolicies.StaffPolicy);
    }
}

using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Bootstrap;

internal static class BootstrapExtensions
{
    public static void AddBootstrapAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        builder.Services.AddScoped(sp => new BootstrapAdmin(
            sp.GetRequiredService<UserManager<AdminUser>>(),
            sp.GetRequiredService<IOptions<BootstrapOptions>>(),
            sp.GetRequiredService<ILogger<BootstrapAdmin>>()));
    }
}

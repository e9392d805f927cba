using System.Net;
using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Hosting;

/// <summary>The contexts' options are built once per site, not once per request (AdminDbContextOptions.Lifetime).</summary>
[TestFixture]
public sealed class DatabaseOptionsTests
{
    [Test]
    public async Task The_database_options_are_built_once_however_many_requests_use_them()
    {
        var built = 0;
        await using var site = new AdminSiteFactory(configure: host => host.ConfigureServices(services =>
            services.ConfigureDbContext<SqliteAdminDbContext>(_ => Interlocked.Increment(ref built), AdminDbContextOptions.Lifetime)));
        using var client = site.CreateSiteClient();

        // The login page resolves a context (SignInManager, UserManager, the user store) without querying it.
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/Identity/Account/Login");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        built.Should().Be(1, "built per scope, the options cost every request about 20 KB of garbage and their CPU");
        using var one = site.Services.CreateScope();
        using var other = site.Services.CreateScope();
        one.ServiceProvider.GetRequiredService<DbContextOptions<SqliteAdminDbContext>>()
            .Should().BeSameAs(other.ServiceProvider.GetRequiredService<DbContextOptions<SqliteAdminDbContext>>());
    }
}

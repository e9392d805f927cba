using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminSite.Tests.Hosting;

/// <summary>
/// Two site instances on one database behave as one site: a login or a form from one is accepted by the other,
/// because the Data Protection keys live in the database under one application name.
/// </summary>
[TestFixture]
public sealed class ScaleOutTests
{
    [Test]
    public async Task Two_replicas_on_one_SQLite_file_accept_each_others_cookies_and_forms()
    {
        await using var first = new AdminSiteFactory();
        await using var second = ReplicaOf(first);

        await ReplicaBehaviour.ShareSessionsAndFormsAsync(first, second);
    }

    [Test]
    public async Task A_replica_with_another_content_root_still_shares_the_keys()
    {
        var elsewhere = Directory.CreateTempSubdirectory("admin-site-other-root-");
        try
        {
            await using var first = new AdminSiteFactory();
            await using var second = ReplicaOf(first, builder => builder.UseContentRoot(elsewhere.FullName));

            second.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator.Should().Be("admin-site");
            second.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath.TrimEnd('/').Should().Be(elsewhere.FullName.TrimEnd('/'));
            await ReplicaBehaviour.ShareSessionsAndFormsAsync(first, second);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Without_the_shared_application_name_a_replica_would_reject_the_cookie()
    {
        // The control experiment: what SetApplicationName("admin-site") prevents.
        await using var first = new AdminSiteFactory();
        await using var stranger = ReplicaOf(first, builder => builder.ConfigureServices(services => services.AddDataProtection().SetApplicationName("some-other-app")));
        var cookies = new CookieContainer();
        using var a = first.CreateSiteClient(cookies);
        using var b = stranger.CreateSiteClient(cookies);

        await a.LogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);

        (await a.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
        SiteClient.RedirectPath(await b.GetAsync("/admin/")).Should().StartWith(SiteClient.LoginPath);
    }

    private static AdminSiteFactory ReplicaOf(AdminSiteFactory first, Action<IWebHostBuilder>? configure = null)
    {
        first.EnsureStarted();
        return new AdminSiteFactory(new Dictionary<string, string?> { ["Database:SqlitePath"] = first.DatabasePath }, configure: configure);
    }
}

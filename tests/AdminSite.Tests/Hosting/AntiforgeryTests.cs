using System.Net;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Hosting;

[TestFixture]
public sealed class AntiforgeryTests : SiteFixture
{
    [Test]
    public async Task Every_POST_without_a_token_is_rejected_even_for_a_superuser()
    {
        var victim = await Site.CreateUserAsync(new("victim"));
        var group = await Site.CreateGroupAsync("victims");
        using var admin = await Site.SignedInAdminAsync();
        var routes = RouteInventory.All(Site).Where(r => !r.IsStaticFile && r.Template != "/").ToList();
        routes.Should().HaveCountGreaterThan(15);

        foreach (var route in routes)
        {
            var url = RouteInventory.Url(route.Template, victim.Id, group.Id);
            using var response = await admin.PostWithoutTokenAsync(url, [new("post", "yes"), new("ids", victim.Id), new("Input.Name", "x")]);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"POST {url} without an antiforgery token must be rejected");
        }

        (await Site.FindUserAsync("victim")).Should().NotBeNull("no POST may have deleted anything");
    }

    [Test]
    public async Task A_token_from_another_session_is_rejected()
    {
        using var attacker = await SignedInAsNewAsync(new("mallory", Superuser: true));
        var foreignToken = await attacker.TokenAsync("/admin/password_change");
        using var admin = await Site.SignedInAdminAsync();

        using var response = await admin.Http.PostAsync("/admin/auth/group/add", new FormUrlEncodedContent(
        [
            new("Input.Name", "forged"),
            new("__RequestVerificationToken", foreignToken),
        ]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Logging_in_needs_a_token_too()
    {
        using var client = Site.CreateSiteClient();
        using var response = await client.PostWithoutTokenAsync(SiteClient.LoginPath,
            [new("Input.UserName", AdminSiteFactory.AdminUserName), new("Input.Password", AdminSiteFactory.AdminPassword)]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

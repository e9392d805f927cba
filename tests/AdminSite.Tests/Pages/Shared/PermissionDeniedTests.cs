using System.Net;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Shared;

/// <summary>A signed-in user refused a page or an action gets 403 where they asked (Django's answer), in the admin's layout with a way back.</summary>
[TestFixture]
public sealed class PermissionDeniedTests : SiteFixture
{
    [OneTimeSetUp]
    public Task SeedAsync() => Site.CreateUserAsync(new("looker", Permissions: ["auth.view_user"]));

    [Test]
    public async Task A_page_without_its_permission_answers_403_in_place_with_breadcrumbs_and_a_way_home()
    {
        using var looker = await Site.SignedInAsync("looker");

        using var response = await looker.GetAsync("/admin/auth/group");
        var html = await response.Content.ReadAsStringAsync();

        await SiteClient.ShouldBeDeniedAsync(response);
        response.Headers.Location.Should().BeNull("the answer is at the address asked for, not a redirect");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        html.Should().Contain("<a href=\"/admin/\">Back to the site administration</a>")
            .And.Contain("Welcome, <strong>looker</strong>", "the admin's header, with the user's tools")
            .And.Contain("You don’t have permission to view or change this page.");
    }

    [Test]
    public async Task The_way_back_leads_to_the_page_of_this_site_the_user_came_from()
    {
        using var looker = await Site.SignedInAsync("looker");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/auth/user/add");
        request.Headers.Referrer = new Uri(looker.Http.BaseAddress!, "/admin/auth/user?q=ann");
        using var offSite = new HttpRequestMessage(HttpMethod.Get, "/admin/auth/user/add");
        offSite.Headers.Referrer = new Uri("https://evil.example/admin/auth/user");

        var fromList = await (await looker.Http.SendAsync(request)).Content.ReadAsStringAsync();
        var fromElsewhere = await (await looker.Http.SendAsync(offSite)).Content.ReadAsStringAsync();

        fromList.Should().Contain("<a href=\"/admin/auth/user?q=ann\">Go back</a>");
        fromElsewhere.Should().NotContain("Go back").And.NotContain("evil.example");
    }

    [Test]
    public async Task A_refused_action_answers_403_too()
    {
        using var looker = await Site.SignedInAsync("looker");

        using var post = await looker.PostFormAsync("/admin/auth/user", new() { ["action"] = "delete_selected", ["_selected_action"] = "x" });

        await SiteClient.ShouldBeDeniedAsync(post);
    }

    [Test]
    public async Task Anonymous_users_are_still_sent_to_the_login_page()
    {
        using var anonymous = Site.CreateSiteClient();

        using var response = await anonymous.GetAsync("/admin/auth/group");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SiteClient.RedirectPath(response).Should().StartWith(SiteClient.LoginPath);
    }
}

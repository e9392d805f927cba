using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Areas.Identity.Pages.Account;

/// <summary>The login page for someone already signed in: staff are sent on (Django's), anyone else is offered another account.</summary>
[TestFixture]
public sealed class LoginWhileSignedInTests : SiteFixture
{
    private const string Offer =
        "You are authenticated as {0}, but are not authorized to access this page. Would you like to login to a different account?";

    [Test]
    public async Task A_signed_in_staff_member_is_sent_where_they_were_heading()
    {
        using var admin = await Site.SignedInAdminAsync();

        using var plain = await admin.GetAsync(SiteClient.LoginPath);
        using var heading = await admin.GetAsync($"{SiteClient.LoginPath}?returnUrl=%2Fadmin%2Fauth%2Fgroup");
        using var offSite = await admin.GetAsync($"{SiteClient.LoginPath}?returnUrl=https%3A%2F%2Fevil.example%2F");

        SiteClient.RedirectPath(plain).Should().Be("/admin/");
        SiteClient.RedirectPath(heading).Should().Be("/admin/auth/group");
        SiteClient.RedirectPath(offSite).Should().Be("/admin/");
    }

    [Test]
    public async Task Someone_signed_in_without_access_to_the_admin_is_offered_another_account()
    {
        using var client = await SignedInAsNewAsync(new("no.longer.staff"));
        // Staff status goes while the session lives on (as after a change made outside the admin).
        await Site.WithDbAsync(db => db.Users.Where(u => u.UserName == "no.longer.staff").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, false)));

        using var denied = await client.GetAsync("/admin/auth/user");
        var deniedHtml = Html.Text(await denied.Content.ReadAsStringAsync());
        var login = Html.Text(await client.GetHtmlAsync($"{SiteClient.LoginPath}?returnUrl=%2Fadmin%2Fauth%2Fuser"));

        await SiteClient.ShouldBeDeniedAsync(denied);
        deniedHtml.Should().Contain(string.Format(Offer, "no.longer.staff"))
            .And.Contain("href=\"/Identity/Account/Login?returnUrl=%2Fadmin%2Fauth%2Fuser\"").And.NotContain("Back to the site administration");
        login.Should().Contain(string.Format(Offer, "no.longer.staff"));
        using var other = await client.TryLogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword, "/admin/auth/user");
        SiteClient.RedirectPath(other).Should().Be("/admin/auth/user");
        (await client.GetAsync("/admin/auth/user")).StatusCode.Should().Be(HttpStatusCode.OK, "the other account is signed in now");
    }

    [Test]
    public async Task Nobody_signed_in_sees_no_such_offer()
    {
        using var anonymous = Site.CreateSiteClient();

        Html.Text(await anonymous.GetHtmlAsync(SiteClient.LoginPath)).Should().NotContain("You are authenticated as");
    }
}

using System.Net;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Authorization;

[TestFixture]
public sealed class RouteAuthorizationTests : SiteFixture
{
    private string _userId = null!;
    private string _groupId = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _groupId = (await Site.CreateGroupAsync("editors")).Id;
        _userId = (await Site.CreateUserAsync(new("target", Staff: false))).Id;
    }

    [Test]
    public void The_inventory_finds_every_admin_page()
    {
        var templates = RouteInventory.Protected(Site).Select(r => r.Template).ToList();

        templates.Should().Contain(
        [
            "/admin", "/admin/password_change",
            "/admin/auth/user", "/admin/auth/user/add", "/admin/auth/user/{id}/change", "/admin/auth/user/{id}/password",
            "/admin/auth/user/{id}/delete", "/admin/auth/user/{id}/history", "/admin/auth/user/delete_selected",
            "/admin/auth/group", "/admin/auth/group/add", "/admin/auth/group/{id}/change", "/admin/auth/group/{id}/delete",
            "/admin/auth/group/{id}/history", "/admin/auth/group/delete_selected",
        ]);
    }

    [Test]
    public void Only_the_kept_identity_pages_have_routes()
    {
        var identity = RouteInventory.All(Site)
            .Where(r => !r.IsStaticFile && r.Template.StartsWith("/Identity", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Template);

        identity.Should().BeEquivalentTo(
            ["/Identity/Account/Login", "/Identity/Account/LoginWith2fa", "/Identity/Account/Logout", "/Identity/Account/Lockout"]);
    }

    [TestCase("/Identity/Account/Register")]
    [TestCase("/Identity/Account/RegisterConfirmation")]
    [TestCase("/Identity/Account/ForgotPassword")]
    [TestCase("/Identity/Account/ResetPassword")]
    [TestCase("/Identity/Account/ConfirmEmail")]
    [TestCase("/Identity/Account/ResendEmailConfirmation")]
    [TestCase("/Identity/Account/ExternalLogin")]
    [TestCase("/Identity/Account/LoginWithRecoveryCode")]
    [TestCase("/Identity/Account/Manage/TwoFactorAuthentication")]
    [TestCase("/Identity/Account/Manage/EnableAuthenticator")]
    [TestCase("/Identity/Account/Manage")]
    [TestCase("/Identity/Account/Manage/ChangePassword")]
    [TestCase("/Identity/Account/Manage/PersonalData")]
    [TestCase("/Identity/Account/Manage/DeletePersonalData")]
    public async Task Self_service_identity_pages_are_gone(string path)
    {
        using var anonymous = Site.CreateSiteClient();
        using var admin = await Site.SignedInAdminAsync();

        (await anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Only the GET-only static file fallback can match: a POST finds nothing to run.
        (await admin.PostWithoutTokenAsync(path)).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task Every_protected_route_sends_anonymous_users_to_the_login_page()
    {
        using var anonymous = Site.CreateSiteClient();
        foreach (var route in RouteInventory.Protected(Site))
        {
            var url = RouteInventory.Url(route.Template, _userId, _groupId);
            foreach (var response in new[] { await anonymous.GetAsync(url), await anonymous.PostWithoutTokenAsync(url) })
            {
                response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{response.RequestMessage!.Method} {url} must not answer anonymous users");
                SiteClient.RedirectPath(response).Should().StartWith(SiteClient.LoginPath, url);
            }
        }
    }

    [Test]
    public async Task Every_protected_route_denies_a_signed_in_user_who_is_no_longer_staff()
    {
        using var client = await SignedInAsNewAsync(new("demoted", Superuser: true));
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "the user starts as staff");

        // Staff status is taken away while the session cookie is still valid.
        await Site.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.UserName == "demoted");
            user.IsStaff = false;
            await db.SaveChangesAsync();
        });

        foreach (var route in RouteInventory.Protected(Site))
        {
            var url = RouteInventory.Url(route.Template, _userId, _groupId);
            var response = await client.GetAsync(url);
            await SiteClient.ShouldBeDeniedAsync(response, $"GET {url} must deny a non-staff user");
        }
    }

    [Test]
    public async Task A_non_staff_user_cannot_log_in()
    {
        await Site.CreateUserAsync(new("customer", Staff: false));
        using var client = Site.CreateSiteClient();

        using var response = await client.TryLogInAsync("customer", TestData.Password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await response.Content.ReadAsStringAsync()).Should().Contain("Please enter the correct username and password for a staff account.");
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Public_routes_answer_without_signing_in()
    {
        using var anonymous = Site.CreateSiteClient();
        foreach (var path in RouteInventory.Public.Where(p => p is not ("/" or "/Identity/Account/LoginWith2fa")))
        {
            (await anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
        }

        SiteClient.RedirectPath(await anonymous.GetAsync("/Identity/Account/LoginWith2fa"))
            .Should().StartWith(SiteClient.LoginPath, "without a password first there is no code to ask for");

        var root = await anonymous.GetAsync("/");
        root.StatusCode.Should().Be(HttpStatusCode.Redirect);
        root.Headers.Location!.OriginalString.Should().Be("/admin/");
    }
}

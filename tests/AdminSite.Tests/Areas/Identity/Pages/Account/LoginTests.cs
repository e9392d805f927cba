using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Areas.Identity.Pages.Account;

[TestFixture]
public sealed class LoginTests : SiteFixture
{
    [Test]
    public async Task The_bootstrap_superuser_logs_in_and_sees_the_dashboard()
    {
        using var client = await Site.SignedInAdminAsync();

        var html = await client.GetHtmlAsync("/admin/");

        html.Should().Contain("Site administration").And.Contain("Welcome, <strong>admin</strong>");
        (await Site.FindUserAsync("admin"))!.LastLogin.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await Site.CreateUserAsync(new("locky"));
        using var client = Site.CreateSiteClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await client.TryLogInAsync("locky", "wrong-password");
            failed.StatusCode.Should().Be(HttpStatusCode.OK, $"attempt {attempt} shows the form again");
        }

        using var fifth = await client.TryLogInAsync("locky", "wrong-password");
        fifth.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SiteClient.RedirectPath(fifth).Should().StartWith("/Identity/Account/Lockout");

        using var right = await client.TryLogInAsync("locky", TestData.Password);
        SiteClient.RedirectPath(right).Should().StartWith("/Identity/Account/Lockout", "a locked account stays locked");
        (await Site.WithDbAsync(db => db.LoginFailures.AsNoTracking().ToListAsync())).Should().Contain(f => f.LockoutEnd > DateTime.UtcNow.AddMinutes(10));
    }

    [Test]
    public async Task A_success_before_the_fifth_failure_resets_the_count()
    {
        await Site.CreateUserAsync(new("forgetful"));
        using var client = Site.CreateSiteClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await client.TryLogInAsync("forgetful", "nope")).Dispose();
        }

        await client.LogInAsync("forgetful", TestData.Password);

        using var stranger = Site.CreateSiteClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await stranger.TryLogInAsync("forgetful", "nope");
            failed.StatusCode.Should().Be(HttpStatusCode.OK, "the count started again after the success");
        }
    }

    [Test]
    public async Task Inactive_users_are_rejected_with_the_same_message_as_a_wrong_password()
    {
        await Site.CreateUserAsync(new("sleeper", Active: false));
        using var client = Site.CreateSiteClient();

        using var inactive = await client.TryLogInAsync("sleeper", TestData.Password);
        using var unknown = await client.TryLogInAsync("nobody-at-all", TestData.Password);

        var message = "Please enter the correct username and password for a staff account.";
        Html.Text(await inactive.Content.ReadAsStringAsync()).Should().Contain(message);
        Html.Text(await unknown.Content.ReadAsStringAsync()).Should().Contain(message);
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Deactivating_a_signed_in_user_ends_their_session_on_the_next_request()
    {
        using var client = await SignedInAsNewAsync(new("leaver", Superuser: true));

        await Site.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "leaver");
            user.IsActive = false;
            await db.SaveChangesAsync();
        });

        using var response = await client.GetAsync("/admin/");
        SiteClient.RedirectPath(response).Should().StartWith(SiteClient.LoginPath);
    }

    [Test]
    public async Task Changing_the_password_elsewhere_signs_out_other_sessions()
    {
        using var first = await SignedInAsNewAsync(new("twosessions", Superuser: true));
        using var second = await Site.SignedInAsync("twosessions");

        using var change = await first.PostFormAsync("/admin/password_change", new()
        {
            ["Input.OldPassword"] = TestData.Password,
            ["Input.NewPassword1"] = "An0ther-Long-Phrase",
            ["Input.NewPassword2"] = "An0ther-Long-Phrase",
        });

        change.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await first.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "the session that changed it stays signed in");
        SiteClient.RedirectPath(await second.GetAsync("/admin/")).Should().StartWith(SiteClient.LoginPath);
        await Site.CreateSiteClient().LogInAsync("twosessions", "An0ther-Long-Phrase");
    }

    [Test]
    public async Task Own_password_change_reports_a_wrong_old_password_and_validator_errors()
    {
        using var client = await SignedInAsNewAsync(new("careful"));

        using var wrongOld = await client.PostFormAsync("/admin/password_change", new()
        {
            ["Input.OldPassword"] = "not-my-password",
            ["Input.NewPassword1"] = "An0ther-Long-Phrase",
            ["Input.NewPassword2"] = "An0ther-Long-Phrase",
        });
        using var common = await client.PostFormAsync("/admin/password_change", new()
        {
            ["Input.OldPassword"] = TestData.Password,
            ["Input.NewPassword1"] = "password123",
            ["Input.NewPassword2"] = "password123",
        });

        Html.Text(await wrongOld.Content.ReadAsStringAsync()).Should().Contain("Your old password was entered incorrectly.");
        Html.Text(await common.Content.ReadAsStringAsync()).Should().Contain("This password is too common.");
    }

    [TestCase("https://evil.example/phish")]
    [TestCase("//evil.example/phish")]
    [TestCase("/\\evil.example/phish")]
    [TestCase("javascript:alert(1)")]
    public async Task Return_urls_off_the_site_are_replaced_by_the_admin_home(string returnUrl)
    {
        using var client = Site.CreateSiteClient();

        using var response = await client.TryLogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword, returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SiteClient.RedirectPath(response).Should().Be("/admin/");
    }

    [Test]
    public async Task A_local_return_url_is_followed()
    {
        using var client = Site.CreateSiteClient();

        using var response = await client.TryLogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword, "/admin/auth/group?q=x");

        SiteClient.RedirectPath(response).Should().Be("/admin/auth/group?q=x");
    }

    [Test]
    public async Task A_return_url_with_letters_beyond_ascii_is_followed_percent_encoded()
    {
        const string returnUrl = "/admin/auth/user?q=Zoë";
        using var client = Site.CreateSiteClient();

        var form = await client.GetHtmlAsync($"{SiteClient.LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        using var response = await client.TryLogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword, returnUrl);
        using var again = await client.GetAsync($"{SiteClient.LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");

        form.Should().Contain("login-form");
        SiteClient.RedirectPath(response).Should().Be("/admin/auth/user?q=Zo%C3%AB");
        SiteClient.RedirectPath(again).Should().Be("/admin/auth/user?q=Zo%C3%AB", "signed in already, the login page sends the user on");
    }

    [Test]
    public async Task Logging_out_takes_a_POST_and_a_GET_does_not_sign_out()
    {
        using var client = await Site.SignedInAdminAsync();

        (await client.GetAsync("/Identity/Account/Logout")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "a GET (a link, an image) must not sign anyone out");

        using var logout = await client.PostFormAsync("/Identity/Account/Logout", [], tokenFrom: "/admin/");
        logout.StatusCode.Should().Be(HttpStatusCode.Redirect);

        SiteClient.RedirectPath(await client.GetAsync("/admin/")).Should().StartWith(SiteClient.LoginPath);
        Html.Text(await client.GetHtmlAsync("/Identity/Account/Logout")).Should().Contain("Logged out");
    }
}

/// <summary>Over Kestrel, which refuses to send a header with a character beyond ASCII (the in-memory server lets it pass).</summary>
[TestFixture]
public sealed class ReturnUrlOverNetworkTests
{
    [Test]
    public async Task Logging_in_with_a_non_ascii_return_url_redirects_instead_of_failing()
    {
        await using var site = new AdminSiteFactory(kestrel: true);
        using var client = site.CreateNetworkClient();

        using var login = await client.TryLogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword, "/admin/auth/user?q=Zoë");
        using var signedIn = await client.GetAsync($"{SiteClient.LoginPath}?returnUrl={Uri.EscapeDataString("/admin/auth/user?q=Zoë")}");
        using var theme = await client.PostFormAsync("/admin/theme", new() { ["theme"] = "dark", ["next"] = "/admin/?q=Zoë" }, tokenFrom: "/admin/");

        (login.StatusCode, signedIn.StatusCode, theme.StatusCode).Should().Be((HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect));
        login.Headers.Location!.OriginalString.Should().Be("/admin/auth/user?q=Zo%C3%AB");
    }
}

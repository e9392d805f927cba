using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminSite.Tests.Areas.Identity.Pages.Account;

/// <summary>Logging out ends the session on the server, as Django deletes its session row: a copied cookie dies with it.</summary>
[TestFixture]
public sealed class LogoutTests : SiteFixture
{
    [Test]
    public async Task A_session_cookie_copied_before_logout_opens_nothing_afterwards()
    {
        await Site.CreateUserAsync(new("copied.cookie", Superuser: true));
        using var browser = Site.CreateSiteClient();
        var cookie = await SessionCookieAsync(browser, "copied.cookie");
        (await GetWithCookieAsync(cookie, "/admin/auth/user")).Should().Be(HttpStatusCode.OK, "the copy works while the session lives");

        using var logout = await browser.PostFormAsync("/Identity/Account/Logout", [], tokenFrom: "/Identity/Account/Logout");

        logout.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await GetWithCookieAsync(cookie, "/admin/auth/user")).Should().Be(HttpStatusCode.Redirect, "the session ended on the server");
        (await GetWithCookieAsync(cookie, "/admin/")).Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Logging_out_leaves_the_other_sessions_of_the_same_user_alone()
    {
        await Site.CreateUserAsync(new("two.browsers"));
        using var laptop = await Site.SignedInAsync("two.browsers");
        using var phone = await Site.SignedInAsync("two.browsers");

        (await laptop.PostFormAsync("/Identity/Account/Logout", [], tokenFrom: "/Identity/Account/Logout")).Dispose();

        (await laptop.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await phone.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "only the session that logged out ends");
    }

    [Test]
    public async Task Logging_in_as_somebody_else_ends_the_session_the_browser_had()
    {
        await Site.CreateUserAsync(new("first.person"));
        await Site.CreateUserAsync(new("second.person"));
        using var browser = Site.CreateSiteClient();
        var first = await SessionCookieAsync(browser, "first.person");

        // The login page sends a signed-in staff member on, so the form is posted with a token from another page.
        using var second = await browser.PostFormAsync(SiteClient.LoginPath, new()
        {
            ["Input.UserName"] = "second.person",
            ["Input.Password"] = TestData.Password,
        }, tokenFrom: "/admin/");
        SiteClient.RedirectPath(second).Should().Be("/admin/");

        (await GetWithCookieAsync(first, "/admin/")).Should().Be(HttpStatusCode.Redirect, "the first session was replaced, not left open");
        (await browser.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Signs in and returns the session cookie exactly as the browser received it, as a thief would copy it.</summary>
    private static async Task<string> SessionCookieAsync(SiteClient browser, string userName)
    {
        using var login = await browser.TryLogInAsync(userName, TestData.Password);
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    private async Task<HttpStatusCode> GetWithCookieAsync(string cookie, string url)
    {
        using var thief = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await thief.SendAsync(request);
        return response.StatusCode;
    }
}

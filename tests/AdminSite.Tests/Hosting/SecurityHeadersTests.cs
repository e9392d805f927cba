using System.Net;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Hosting;

[TestFixture]
public sealed class SecurityHeadersTests : SiteFixture
{
    [TestCase("/Identity/Account/Login")]
    [TestCase("/admin/")]
    [TestCase("/css/theme.css")]
    [TestCase("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = await Site.SignedInAdminAsync();

        using var response = await client.GetAsync(path);

        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("same-origin");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("default-src 'none'");
        csp.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval");
    }

    [Test]
    public async Task Pages_have_no_inline_script_style_or_outside_resources()
    {
        using var client = await Site.SignedInAdminAsync();
        var user = await Site.CreateUserAsync(new("styled"));
        foreach (var path in new[] { "/admin/", "/admin/auth/user", $"/admin/auth/user/{user.Id}/change", "/admin/auth/group/add", "/admin/password_change" })
        {
            var html = await client.GetHtmlAsync(path);
            System.Text.RegularExpressions.Regex.IsMatch(html, "<script(?![^>]*\\ssrc=)").Should().BeFalse($"{path} has an inline script");
            html.Should().NotContain("<style").And.NotContain(" style=\"").And.NotContain(" onclick=").And.NotContain("http://").And.NotContain("https://");
        }
    }

    [Test]
    public async Task Cookies_are_http_only_and_same_site()
    {
        using var client = Site.CreateSiteClient();
        using var login = await client.TryLogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);

        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        var session = cookies.Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal));
        session.Should().Contain("httponly").And.Contain("samesite=lax");
        session.Should().NotContain("secure", "plain http (localhost) keeps a non-Secure cookie: SecurePolicy is SameAsRequest");
    }

    [Test]
    public async Task Behind_a_TLS_load_balancer_cookies_are_secure_and_HSTS_is_sent()
    {
        using var client = Site.CreateSiteClient();
        using var request = await client.LoginRequestAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        // HSTS is never sent to localhost, so ask as the public name would.
        request.Headers.Host = "admin.example.com";

        using var response = await client.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal)).Should().Contain("secure");
        response.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000");
    }

    [Test]
    public async Task Errors_show_no_developer_details_in_production()
    {
        using var client = await Site.SignedInAdminAsync();

        var notFound = await client.GetHtmlAsync("/admin/auth/user/x/y/z", HttpStatusCode.NotFound);

        notFound.Should().Contain("Not Found (404)").And.NotContain("Stack").And.NotContain("Exception");
    }
}

/// <summary>Over real loopback connections: the in-memory test server has no client address to check.</summary>
[TestFixture]
public sealed class ForwardedHeadersTests
{
    [TestCase(null, true)]
    [TestCase("192.0.2.1", false)]
    public async Task The_forwarded_scheme_is_believed_only_from_known_proxies(string? knownProxy, bool secure)
    {
        var settings = knownProxy is null ? null : new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = knownProxy };
        await using var site = new AdminSiteFactory(settings, kestrel: true);
        using var client = site.CreateNetworkClient();
        using var request = await client.LoginRequestAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal));
        cookie.Contains("secure", StringComparison.Ordinal).Should().Be(secure,
            "by default the private networks and loopback are trusted; a configured list replaces them");
    }
}

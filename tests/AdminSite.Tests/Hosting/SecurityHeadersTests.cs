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
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" });
        using var client = site.CreateSiteClient();
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
    public async Task Behind_a_TLS_listener_that_adds_no_header_AssumeHttps_makes_cookies_secure()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["ForwardedHeaders:AssumeHttps"] = "true" });
        // Plain http reaches the site, as behind the listener; the browser (on https) sends its Secure cookies back,
        // which a cookie container on http would not, so they are carried by hand.
        using var http = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var form = await http.GetAsync(SiteClient.LoginPath);
        var cookies = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, SiteClient.LoginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = AdminSiteFactory.AdminUserName,
                ["Input.Password"] = AdminSiteFactory.AdminPassword,
                ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
            }),
        };
        request.Headers.Add("Cookie", cookies);
        request.Headers.Host = "admin.example.com";

        using var response = await http.SendAsync(request);

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
    [TestCase(null, false)]
    [TestCase("127.0.0.1", true)]
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
            "only a configured proxy is believed, and none is by default");
    }

    [TestCase("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "is not a CIDR network")]
    [TestCase("ForwardedHeaders:KnownProxies:0", "ingress", "is not an IP address")]
    public async Task A_proxy_setting_that_does_not_parse_stops_the_start_naming_it(string key, string value, string message)
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { [key] = value });

        var start = site.EnsureStarted;

        start.Should().Throw<InvalidOperationException>().WithMessage($"*{key.Split(':')[1]}*'{value}' {message}*");
    }
}

using System.Net;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Hosting;

/// <summary>The per-address login rate limit: what the load balancer says the client is, counted across accounts.</summary>
[TestFixture]
public sealed class LoginThrottleTests : SiteFixture
{
    private const int Limit = 3;

    // The in-memory test server has no peer address, which the forwarded-headers middleware accepts as the first
    // hop once any proxy is configured: these requests are "from the load balancer".
    protected override AdminSiteFactory CreateSite() => new(new Dictionary<string, string?>
    {
        ["Security:LoginRateLimit:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:LoginRateLimit:WindowSeconds"] = "600",
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    });

    [OneTimeSetUp]
    public async Task SeedAsync() => await Site.CreateUserAsync(new("real.person"));

    [Test]
    public async Task After_the_limit_an_address_is_refused_with_the_same_answer_for_real_and_unknown_accounts()
    {
        using var client = Site.CreateSiteClient();
        for (var attempt = 1; attempt <= Limit; attempt++)
        {
            using var allowed = await LogInFromAsync(client, "198.51.100.1", $"nobody-{attempt}", "wrong");
            allowed.StatusCode.Should().Be(HttpStatusCode.OK, $"attempt {attempt} is within the limit");
        }

        using var real = await LogInFromAsync(client, "198.51.100.1", "real.person", TestData.Password);
        using var unknown = await LogInFromAsync(client, "198.51.100.1", "no.such.person", "wrong");

        real.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "even the right password waits: the address is throttled, not the account");
        unknown.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var realBody = await real.Content.ReadAsStringAsync();
        realBody.Should().Be(await unknown.Content.ReadAsStringAsync(), "the answer must not depend on the account");
        Html.Text(realBody).Should().Contain("Too many login attempts have come from your network");
        realBody.Should().NotContain("real.person");
        int.Parse(real.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 600);
        real.Headers.Contains("Set-Cookie").Should().BeFalse("a throttled login signs nobody in");
    }

    [Test]
    public async Task Addresses_are_counted_separately_and_reading_the_form_is_free()
    {
        using var client = Site.CreateSiteClient();
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            (await LogInFromAsync(client, "198.51.100.2", "nobody", "wrong")).Dispose();
        }

        for (var read = 0; read < 10; read++)
        {
            (await client.GetAsync(SiteClient.LoginPath)).StatusCode.Should().Be(HttpStatusCode.OK, "GETs are not login attempts");
        }

        (await LogInFromAsync(client, "198.51.100.2", "nobody", "wrong")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        using var other = await LogInFromAsync(client, "198.51.100.3", "real.person", TestData.Password);
        other.StatusCode.Should().Be(HttpStatusCode.Redirect, "another address has its own budget");
    }

    [Test]
    public async Task The_two_factor_step_counts_against_the_same_budget()
    {
        await Site.CreateUserAsync(new("guarded.person"));
        var key = await Site.EnrolAsync("guarded.person");
        using var client = Site.CreateSiteClient();
        using var password = await LogInFromAsync(client, "198.51.100.4", "guarded.person", TestData.Password);
        var step = SiteClient.RedirectPath(password);
        step.Should().StartWith("/Identity/Account/LoginWith2fa");

        for (var attempt = 2; attempt <= Limit; attempt++)
        {
            (await PostFromAsync(client, "198.51.100.4", step, new() { ["Input.Code"] = Authenticator.WrongCode(key) })).StatusCode
                .Should().Be(HttpStatusCode.OK, "a wrong code shows the form again");
        }

        using var throttled = await PostFromAsync(client, "198.51.100.4", step, new() { ["Input.Code"] = Authenticator.Code(key) });
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [TestCase("::ffff:192.0.2.9", "192.0.2.9")]
    [TestCase(null, "unknown")]
    public void Clients_are_keyed_by_address_and_IPv6_by_its_64_bit_prefix(string? address, string key) =>
        AdminSite.Hosting.RateLimitingExtensions.ClientKey(address is null ? null : IPAddress.Parse(address)).Should().Be(key);

    [TestCase("Security:LoginRateLimit:PermitLimit", "0")]
    [TestCase("Security:LoginRateLimit:WindowSeconds", "-5")]
    [TestCase("Security:Lockout:MaxFailedAttempts", "0")]
    public async Task Limits_that_are_not_positive_stop_the_site_at_startup(string key, string value)
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { [key] = value });

        var start = site.EnsureStarted;

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*must be positive*");
    }

    private static Task<HttpResponseMessage> LogInFromAsync(SiteClient client, string address, string userName, string password) =>
        PostFromAsync(client, address, SiteClient.LoginPath, new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    // As the load balancer forwards it: X-Forwarded-For names the client (the test server's peer is trusted).
    private static async Task<HttpResponseMessage> PostFromAsync(SiteClient client, string address, string url, Dictionary<string, string> fields)
    {
        var token = await client.TokenAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Add("X-Forwarded-For", address);
        return await client.Http.SendAsync(request);
    }
}

/// <summary>Over real loopback connections: the address the limiter sees is the forwarded one, from a configured proxy only.</summary>
[TestFixture]
public sealed class LoginThrottleOverNetworkTests
{
    [Test]
    public async Task Behind_a_configured_load_balancer_each_forwarded_client_has_its_own_budget()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?>
        {
            ["Security:LoginRateLimit:PermitLimit"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }, kestrel: true);
        using var client = site.CreateNetworkClient();

        (await AttemptAsync(client, "192.0.2.10")).Should().Be(HttpStatusCode.OK);
        (await AttemptAsync(client, "192.0.2.10")).Should().Be(HttpStatusCode.OK);
        (await AttemptAsync(client, "192.0.2.10")).Should().Be(HttpStatusCode.TooManyRequests);
        (await AttemptAsync(client, "192.0.2.11")).Should().Be(HttpStatusCode.OK, "a different client behind the same balancer");
        (await AttemptAsync(client, null)).Should().Be(HttpStatusCode.OK, "the balancer's own address (127.0.0.1) is yet another client");
    }

    [Test]
    public async Task With_no_proxy_configured_a_client_cannot_pick_its_own_address()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Security:LoginRateLimit:PermitLimit"] = "10" }, kestrel: true);
        using var client = site.CreateNetworkClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 14; i++)
        {
            answers.Add(await AttemptAsync(client, $"203.0.113.{i}"));
        }

        answers.Take(10).Should().NotContain(HttpStatusCode.TooManyRequests, "within the limit (the name's lockout answers after 5)");
        answers.Skip(10).Should().OnlyContain(status => status == HttpStatusCode.TooManyRequests,
            "X-Forwarded-For from a sender nobody configured is ignored: these are all one client, 127.0.0.1");
    }

    private static async Task<HttpStatusCode> AttemptAsync(SiteClient client, string? forwardedFor)
    {
        using var request = await client.LoginRequestAsync("x", "y");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.Http.SendAsync(request);
        return response.StatusCode;
    }
}

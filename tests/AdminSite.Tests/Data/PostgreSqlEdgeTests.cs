using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AdminSite.Tests.Data;

/// <summary>
/// This edges on a real PostgreSQL server: sessions ended on the server, the lockout store, and a database
/// that turns read-only (a replica, <c>default_transaction_read_only</c>) making the site unready.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[NonParallelizable]
public sealed class PostgreSqlEdgeTests
{
    private readonly string _database = $"admin_site_edges_{Guid.NewGuid():N}";
    private AdminSiteFactory _site = null!;

    [OneTimeSetUp]
    public async Task CreateSiteAsync() => _site = new AdminSiteFactory(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:PostgreSQL"] = await PostgresServer.CreateDatabaseAsync(_database),
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
    });

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Test]
    public async Task A_cookie_copied_before_logout_opens_nothing_afterwards()
    {
        using var browser = _site.CreateSiteClient();
        using var login = await browser.TryLogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal)).Split(';')[0];
        (await GetWithCookieAsync(cookie)).Should().Be(HttpStatusCode.OK);

        (await browser.PostFormAsync("/Identity/Account/Logout", [], tokenFrom: "/Identity/Account/Logout")).Dispose();

        (await GetWithCookieAsync(cookie)).Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Unknown_names_lock_like_real_ones()
    {
        using var client = _site.CreateSiteClient();
        var outcomes = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await client.TryLogInAsync("pg.ghost", "wrong");
            outcomes.Add(response.StatusCode);
        }

        outcomes.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Readiness_fails_while_the_database_is_read_only_and_recovers_after()
    {
        using var client = _site.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await SetReadOnlyAsync(true);
        using var unready = await client.GetAsync("/readyz");
        await SetReadOnlyAsync(false);
        using var ready = await client.GetAsync("/readyz");

        unready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    // As a hot standby is: every new session reads only. The site's pooled connections are dropped to pick it up.
    private async Task SetReadOnlyAsync(bool on)
    {
        await PostgresServer.ExecuteAsync($"ALTER DATABASE \"{_database}\" SET default_transaction_read_only = {(on ? "on" : "off")}");
        NpgsqlConnection.ClearAllPools();
    }

    private async Task<HttpStatusCode> GetWithCookieAsync(string cookie)
    {
        using var thief = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/auth/user");
        request.Headers.Add("Cookie", cookie);
        using var response = await thief.SendAsync(request);
        return response.StatusCode;
    }
}

using System.Net;
using AdminSite.Observability;
using AdminSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Observability;

/// <summary>The metrics listener: the framework's and the site's own metrics, on a port of their own, without a session.</summary>
[TestFixture]
public sealed class MetricsTests
{
    [Test]
    public async Task After_a_login_and_a_changelist_request_the_metrics_port_answers_with_the_named_metrics()
    {
        await using var site = new AdminSiteFactory();
        using var admin = await site.SignedInAdminAsync();
        using var stranger = site.CreateSiteClient();
        (await stranger.TryLogInAsync(AdminSiteFactory.AdminUserName, "not-the-password")).Dispose();
        await admin.GetHtmlAsync("/admin/auth/user");
        (await admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "Metered" })).Dispose();

        var metrics = await PrometheusText.ScrapeAsync(site.MetricsAddress);

        metrics.Value("http_server_request_duration_seconds_count",
            ("http_route", "admin/auth/user"), ("http_request_method", "GET"), ("http_response_status_code", "200")).Should().Be(1);
        metrics.Value("http_server_request_duration_seconds_count",
            ("http_route", "Identity/Account/Login"), ("http_request_method", "POST"), ("http_response_status_code", "302")).Should().Be(1);
        metrics.Value("adminsite_logins_total", ("result", "succeeded")).Should().Be(1);
        metrics.Value("adminsite_logins_total", ("result", "failed")).Should().Be(1);
        metrics.Value("adminsite_audit_entries_total", ("action", "added")).Should().Be(1);
        metrics.Value("db_client_operation_duration_seconds_count", ("db_system_name", "sqlite"), ("db_operation_name", "SELECT")).Should().BePositive();
        metrics.Value("db_client_operation_duration_seconds_count", ("db_system_name", "sqlite"), ("db_operation_name", "INSERT")).Should().BePositive();
        metrics.Value("target_info", ("service_name", "admin-site"), ("service_version", SiteVersion.Version)).Should().Be(1);
        metrics.Families.Should().Contain([
            "dotnet_gc_collections_total", "dotnet_gc_heap_total_allocated_bytes_total", "dotnet_process_memory_working_set_bytes",
            "dotnet_thread_pool_queue_length_total", "microsoft_entityframeworkcore_queries_total", "aspnetcore_rate_limiting_requests_total",
        ]);
    }

    [Test]
    public async Task Lockouts_throttled_logins_and_wrong_codes_are_counted()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Security:LoginRateLimit:PermitLimit"] = "7" });
        await site.CreateUserAsync(new("metered"));
        var key = await site.EnrolAsync("metered");
        using var client = site.CreateSiteClient();
        using var password = await client.TryLogInAsync("metered", TestData.Password);
        using var wrongCode = await client.PostFormAsync(SiteClient.RedirectPath(password), new() { ["Input.Code"] = Authenticator.WrongCode(key) });
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await client.TryLogInAsync("nobody-here", "guess")).Dispose();
        }

        // Seven posts so far (password, code, five guesses): the limit.
        using var throttled = await client.TryLogInAsync("nobody-here", "guess");

        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var metrics = await PrometheusText.ScrapeAsync(site.MetricsAddress);
        metrics.Value("adminsite_two_factor_failures_total").Should().Be(1);
        metrics.Value("adminsite_logins_total", ("result", "failed")).Should().Be(4);
        metrics.Value("adminsite_logins_total", ("result", "locked_out")).Should().Be(1, "the fifth failure for one name locks it");
        metrics.Value("adminsite_login_throttled_total").Should().Be(1);
        metrics.Value("adminsite_logins_total", ("result", "succeeded")).Should().Be(0, "the password step alone is not a login");
    }

    [Test]
    public async Task The_site_port_does_not_serve_metrics_and_the_metrics_port_serves_nothing_else()
    {
        await using var site = new AdminSiteFactory(kestrel: true);
        using var http = new HttpClient();

        (await http.GetAsync(new Uri(site.ServerAddress, "/metrics"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Whatever the Host header says: the listener decides, not the name the client used.
        using var disguised = new HttpRequestMessage(HttpMethod.Get, new Uri(site.ServerAddress, "/metrics")) { Headers = { Host = $"localhost:{site.MetricsAddress.Port}" } };
        (await http.SendAsync(disguised)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var path in new[] { "/healthz", "/Identity/Account/Login", "/admin/", "/metrics/x" })
        {
            (await http.GetAsync(new Uri(site.MetricsAddress, path))).StatusCode.Should().Be(HttpStatusCode.NotFound, $"the metrics port serves only /metrics, not {path}");
        }

        (await http.GetAsync(site.MetricsAddress)).StatusCode.Should().Be(HttpStatusCode.OK, "scraping needs no session");
    }

    [Test]
    public async Task Scrapes_are_not_counted_as_site_requests()
    {
        await using var site = new AdminSiteFactory();
        await PrometheusText.ScrapeAsync(site.MetricsAddress);

        var metrics = await PrometheusText.ScrapeAsync(site.MetricsAddress);

        metrics.Value("http_server_request_duration_seconds_count").Should().Be(0);
    }

    [Test]
    public async Task Turned_off_there_is_no_listener_and_the_site_works()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });
        using var admin = await site.SignedInAdminAsync();

        await admin.GetHtmlAsync("/admin/auth/user");

        site.Services.GetRequiredService<MetricsServer>().Address.Should().BeNull();
    }

    [Test]
    public async Task A_port_already_taken_stops_the_site_with_the_setting_to_change()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.IPv6Any, 0) { Server = { DualMode = true } };
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var start = () => site.EnsureStarted();

        start.Should().Throw<InvalidOperationException>().WithMessage($"The metrics port {port} cannot be opened*Metrics__Port*");
    }

    [TestCase("SELECT \"u\".\"Id\" FROM \"AspNetUsers\"", "SELECT")]
    [TestCase("  insert INTO \"AuditEntries\" (\"Action\") VALUES (@p0);\nSELECT changes();", "INSERT")]
    [TestCase("UPDATE \"AspNetUsers\" SET ...", "UPDATE")]
    [TestCase("DELETE FROM \"LoginFailures\"", "DELETE")]
    [TestCase("PRAGMA journal_mode=WAL;", "other")]
    [TestCase("SELECTED", "other")]
    public void Database_commands_are_labelled_by_their_first_keyword(string sql, string operation) =>
        DatabaseCommandMetrics.Operation(sql).Should().Be(operation);
}

using System.Net;
using System.Text.Json;
using AdminSite.Observability;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Hosting;

[TestFixture]
public sealed class HealthTests
{
    [Test]
    public async Task Liveness_and_readiness_answer_healthy_with_the_version_without_signing_in()
    {
        await using var site = new AdminSiteFactory();
        using var client = site.CreateSiteClient();

        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var response = await client.GetAsync(path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            using var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            payload.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
            payload.RootElement.GetProperty("version").GetString().Should().Be(SiteVersion.Version).And.MatchRegex(@"^\d+\.\d+\.\d+");
            payload.RootElement.GetProperty("commit").GetString().Should().Be(SiteVersion.Commit);
        }
    }

    [Test]
    public async Task Probes_are_answered_whatever_the_host_header_while_pages_honour_AllowedHosts()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["AllowedHosts"] = "admin.example.com" });
        using var client = site.CreateSiteClient();

        // Kubernetes probes call the pod by IP.
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { Host = "10.1.2.3:8080" } };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login") { Headers = { Host = "10.1.2.3:8080" } };
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login") { Headers = { Host = "admin.example.com" } };

        (await client.Http.SendAsync(probe)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.Http.SendAsync(page)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.Http.SendAsync(allowed)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Readiness_fails_liveness_holds_and_pages_show_a_bare_500_when_the_database_is_unreachable()
    {
        await using var site = new AdminSiteFactory();
        using var client = site.CreateSiteClient();
        using var admin = await site.SignedInAdminAsync();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Swap the database file for a folder: SQLite can no longer open it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(site.DatabasePath)!, "admin-site.db*"))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(site.DatabasePath);

        using var unready = await client.GetAsync("/readyz");
        unready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await unready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("Unhealthy");
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A page that needs the database fails with the plain production error page, no details.
        var error = await admin.GetHtmlAsync("/admin/", HttpStatusCode.InternalServerError);
        error.Should().Contain("Server Error (500)").And.NotContain("SqliteException").And.NotContain("   at ");
    }
}

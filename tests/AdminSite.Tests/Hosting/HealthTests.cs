using System.Net;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Hosting;

[TestFixture]
public sealed class HealthTests
{
    [Test]
    public async Task Liveness_and_readiness_answer_healthy_without_signing_in()
    {
        await using var site = new AdminSiteFactory();
        using var client = site.CreateSiteClient();

        (await client.GetHtmlAsync("/healthz")).Should().Be("Healthy");
        (await client.GetHtmlAsync("/readyz")).Should().Be("Healthy");
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

        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A page that needs the database fails with the plain production error page, no details.
        var error = await admin.GetHtmlAsync("/admin/", HttpStatusCode.InternalServerError);
        error.Should().Contain("Server Error (500)").And.NotContain("SqliteException").And.NotContain("   at ");
    }
}

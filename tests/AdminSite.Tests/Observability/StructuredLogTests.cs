using System.Net;
using System.Text.Json;
using AdminSite.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AdminSite.Tests.Observability;

/// <summary>What the site writes to the console, read from a real process: JSON lines in Production, plain text in Development.</summary>
[TestFixture]
public sealed class StructuredLogTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    /// <summary>Warnings a green start may carry, each with why it is there; anything else at Warning or above fails.</summary>
    private static readonly Dictionary<string, string> ExpectedWarnings = new()
    {
        ["AdminSite.Hosting.DataProtectionExtensions.UnencryptedKeysNotice"] =
            "no DataProtection__CertificatePath is set, as in the chart's default: the one line saying how to set it (README, Secrets at rest)",
    };

    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("admin-site-logs-");

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task Production_writes_one_JSON_event_per_line_and_a_request_line_with_trace_id_route_status_and_user()
    {
        await using var site = await StartAsync("Production");
        using var browser = Browser(site);
        await browser.LogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/auth/user?q=needle") { Headers = { { "traceparent", $"00-{TraceId}-00f067aa0ba902b7-01" } } };
        (await browser.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The request's line comes after the lines logged while it ran, which carry its trace id too.
        await WaitForOutputAsync(site, $"\"Route\":\"admin/auth/user\"");
        var events = site.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        var line = events.Single(e => e.GetProperty("Category").GetString() == "AdminSite.Requests" && TraceIdOf(e) == TraceId);
        var state = line.GetProperty("State");

        line.GetProperty("LogLevel").GetString().Should().Be("Information");
        state.GetProperty("Method").GetString().Should().Be("GET");
        state.GetProperty("Route").GetString().Should().Be("admin/auth/user", "the route template, not the path with its query");
        state.GetProperty("StatusCode").GetInt32().Should().Be(200);
        state.GetProperty("UserId").GetString().Should().Be(AdminId());
        line.GetRawText().Should().NotContain("needle", "query strings may hold what people searched for");
        events.Where(e => e.GetProperty("Category").GetString() == "AdminSite.Requests" && e.GetProperty("State").GetProperty("Route").GetString() == "Identity/Account/Login")
            .Select(e => e.GetProperty("State").GetProperty("UserId").GetString()).Should().Contain("-", "the login form is asked for by nobody in particular");
        site.Output.Should().NotContain(AdminSiteFactory.AdminPassword);
    }

    [Test]
    public async Task A_first_start_a_login_a_changelist_and_a_shutdown_log_nothing_at_Warning_or_above()
    {
        await using var site = await StartAsync("Production");
        using var browser = Browser(site);
        await browser.LogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        (await browser.Http.GetAsync("/admin/auth/user")).StatusCode.Should().Be(HttpStatusCode.OK);

        site.Terminate();
        // The kubelet's readiness probes go on while the pod drains: each failing one is expected, not an error.
        await WaitForAsync(async () => (await browser.Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to fail once SIGTERM arrived");
        (await site.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, site.Output);

        var events = site.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        events.Where(e => Enum.Parse<LogLevel>(e.GetProperty("LogLevel").GetString()!) >= LogLevel.Warning)
            .Where(e => !ExpectedWarnings.ContainsKey(e.GetProperty("Category").GetString()!))
            .Select(e => e.GetRawText())
            .Should().BeEmpty("a green run's warnings and errors must all mean something; the site wrote:\n" + site.Output);
        events.Select(e => e.GetProperty("Message").GetString()).Should()
            .Contain(message => message!.StartsWith("Migrating the database: ", StringComparison.Ordinal),
                "a first start says what it is doing while it migrates");
    }

    [Test]
    public async Task Development_writes_plain_text()
    {
        await using var site = await StartAsync("Development");
        using var browser = Browser(site);

        await browser.GetHtmlAsync(SiteClient.LoginPath);

        await WaitForOutputAsync(site, "GET Identity/Account/Login answered 200");
        site.Output.Should().Contain($"info: AdminSite.Requests[1]{Environment.NewLine}      GET Identity/Account/Login answered 200");
        site.Output.Split('\n').Should().NotContain(line => line.TrimStart().StartsWith('{'));
    }

    private async Task<SiteServer> StartAsync(string environment)
    {
        var site = SiteServer.StartAsInProduction(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            // Long enough to be asked for readiness after SIGTERM.
            ["Shutdown__DrainDelaySeconds"] = "3",
            ["Database__SqlitePath"] = DatabasePath,
            ["Bootstrap__AdminUserName"] = AdminSiteFactory.AdminUserName,
            ["Bootstrap__AdminPassword"] = AdminSiteFactory.AdminPassword,
        });
        await site.WaitUntilReadyAsync();
        return site;
    }

    private string DatabasePath => Path.Combine(_folder.FullName, "admin-site.db");

    private static SiteClient Browser(SiteServer site) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = site.BaseAddress });

    // The console logger writes from a queue of its own: the line comes shortly after the response.
    private static async Task WaitForOutputAsync(SiteServer site, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!site.Output.Contains(text, StringComparison.Ordinal))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"the site should log '{text}'; it wrote:\n{site.Output}");
            await Task.Delay(50);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AssertionException($"Every line should be one JSON event, but this is not ({e.Message}):\n{line}");
        }
    }

    private static string? TraceIdOf(JsonElement logEvent) => logEvent.GetProperty("Scopes").EnumerateArray()
        .Where(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out _))
        .Select(scope => scope.GetProperty("TraceId").GetString())
        .FirstOrDefault();

    private string AdminId()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM AspNetUsers WHERE UserName = $name";
        command.Parameters.AddWithValue("$name", AdminSiteFactory.AdminUserName);
        return (string)command.ExecuteScalar()!;
    }
}

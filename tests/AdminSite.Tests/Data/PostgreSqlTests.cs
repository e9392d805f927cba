using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminSite.Tests.Data;

/// <summary>
/// The same site on a real PostgreSQL server. Runs only where a server is given (the E2E stage):
/// <c>ADMIN_SITE_TEST_POSTGRES="Host=...;Username=...;Password=...;Database=postgres"</c>; the user needs
/// CREATEDB, as each run works in a database of its own and drops it after. Excluded from the default run
/// with <c>--filter TestCategory!=PostgreSQL</c>; run without a server they fail, never pass silently.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[NonParallelizable]
public sealed class PostgreSqlTests
{
    public const string EnvironmentVariable = "ADMIN_SITE_TEST_POSTGRES";

    private string _database = null!;
    private string _serverConnection = null!;
    private AdminSiteFactory _site = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        var connection = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            Assert.Fail($"PostgreSQL tests need a server: set {EnvironmentVariable} to an Npgsql connection string " +
                        "(e.g. Host=127.0.0.1;Username=postgres;Password=...;Database=postgres), or exclude them with --filter TestCategory!=PostgreSQL.");
        }

        _serverConnection = connection!;
        _database = $"admin_site_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{_database}\"");
        var siteConnection = new NpgsqlConnectionStringBuilder(_serverConnection) { Database = _database }.ToString();
        _site = new AdminSiteFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:PostgreSQL"] = siteConnection,
        });
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        }
    }

    [Test]
    public async Task The_site_migrates_PostgreSQL_and_is_ready()
    {
        using var client = _site.CreateSiteClient();

        (await client.GetHtmlAsync("/readyz")).Should().Contain("\"status\":\"Healthy\"");
        var provider = await _site.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));
        provider.Should().Be("Npgsql.EntityFrameworkCore.PostgreSQL");
        (await _site.WithDbAsync(db => db.Database.GetPendingMigrationsAsync())).Should().BeEmpty();
    }

    [Test]
    public async Task Database_metrics_cover_PostgreSQL_once_with_its_connection_pool()
    {
        using var admin = await _site.SignedInAdminAsync();
        await admin.GetHtmlAsync("/admin/auth/user");

        var metrics = await PrometheusText.ScrapeAsync(_site.MetricsAddress);

        metrics.Value("db_client_operation_duration_seconds_count", ("db_system_name", "postgresql"), ("db_operation_name", "SELECT")).Should().BePositive();
        metrics.Samples.Where(s => s.Name.StartsWith("db_client_operation_duration_seconds", StringComparison.Ordinal))
            .Should().OnlyContain(s => s.Labels["otel_scope_name"] == "AdminSite.Database", "Npgsql's own duration histogram would count every command twice");
        metrics.Families.Should().Contain(["db_client_connection_count", "db_client_connection_max"]);
    }

    [Test]
    public async Task Users_are_added_searched_case_insensitively_and_audited()
    {
        using var admin = await _site.SignedInAdminAsync();

        using var add = await admin.PostFormAsync("/admin/auth/user/add", new()
        {
            ["Input.UserName"] = "Zoë_pg",
            ["Input.Password1"] = "Quite-Unusual-99",
            ["Input.Password2"] = "Quite-Unusual-99",
        });
        add.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var user = (await _site.FindUserAsync("Zoë_pg"))!;
        using var change = await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "Zoë_pg",
            ["Input.FirstName"] = "Élodie",
            ["Input.LastName"] = "<b>O'Hara</b> 100%",
            ["Input.IsActive"] = "true",
        });
        change.StatusCode.Should().Be(HttpStatusCode.Redirect);

        Html.ChangeListNames(await admin.GetHtmlAsync("/admin/auth/user?q=%C3%A9LODIE")).Should().Equal("Zoë_pg");
        Html.ChangeListNames(await admin.GetHtmlAsync("/admin/auth/user?q=100%25")).Should().Equal("Zoë_pg");
        Html.ChangeListNames(await admin.GetHtmlAsync("/admin/auth/user?q=%25%25")).Should().BeEmpty();
        (await admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/history")).Should().Contain("Changed First name and Last name.");
        (await _site.FindUserAsync("Zoë_pg"))!.DateJoined.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Test]
    public async Task The_users_changelist_is_one_paged_query_and_one_count_on_PostgreSQL_too()
    {
        await _site.SeedUsersAsync(Enumerable.Range(0, 150).Select(i => new AdminUser { UserName = $"pg{i:000}", IsStaff = i % 2 == 0 }));
        using var admin = await _site.SignedInAdminAsync();

        _site.Commands.Clear();
        var html = await admin.GetHtmlAsync("/admin/auth/user?is_staff__exact=1&o=-1&q=pg");
        var commands = _site.Commands.Commands.Where(c => c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal)).ToList();

        Html.ChangeListNames(html).Should().HaveCount(75).And.BeInDescendingOrder(StringComparer.Ordinal);
        html.Should().Contain("75 results (<a href=\"?\">");
        commands.Where(c => c.Contains("OFFSET", StringComparison.Ordinal)).Should().ContainSingle();
        commands.Where(c => c.Contains("count(", StringComparison.OrdinalIgnoreCase)).Should().ContainSingle();
    }

    [Test]
    public async Task A_large_table_is_counted_from_its_estimate_and_a_page_past_its_end_counts_exactly()
    {
        const int Seeded = 120_000;
        await _site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
            SELECT 'est-' || i, 'est' || lpad(i::text, 6, '0'), 'EST' || lpad(i::text, 6, '0'), NULL, NULL, false,
                'stamp', 'stamp', false, false, true, 0, 'First', 'Last', true, false, false, now()
            FROM generate_series(1, {Seeded}) AS i
            """));
        await _site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ANALYZE "AspNetUsers" """));
        try
        {
            using var admin = await _site.SignedInAdminAsync();
            var exact = await _site.WithDbAsync(db => db.Users.CountAsync());

            _site.Commands.Clear();
            var all = await admin.GetHtmlAsync("/admin/auth/user");
            var search = await admin.GetHtmlAsync("/admin/auth/user?q=est");
            var counts = _site.Commands.Commands.Where(c => c.Contains("count(", StringComparison.OrdinalIgnoreCase)).ToList();
            var past = await admin.GetHtmlAsync("/admin/auth/user?p=1300");

            Estimate(all, " users").Should().BeCloseTo(exact, 1_000, "ANALYZE samples the table");
            Estimate(search, " total</a>)").Should().Be(Estimate(all, " users"));
            search.Should().Contain("More than 1,000 results (<a href=\"?\">about ");
            counts.Should().ContainSingle("only the search's matches are counted, up to the bound")
                .Which.Should().Contain("LIMIT", "the count stops at the bound");
            past.Should().Contain($"{exact:N0} users", "past the estimated end the rows are counted")
                .And.Contain($"<span class=\"this-page\" aria-current=\"page\">{(exact + 99) / 100}</span>");
        }
        finally
        {
            await _site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetUsers" WHERE "Id" LIKE 'est-%'; ANALYZE "AspNetUsers" """));
        }
    }

    [Test]
    public async Task A_deep_page_is_read_by_its_user_names_first_and_holds_the_rows_an_offset_gives()
    {
        await _site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
            SELECT 'deep-' || i, 'deep' || lpad(i::text, 5, '0'), 'DEEP' || lpad(i::text, 5, '0'), NULL, NULL, false,
                'stamp', 'stamp', false, false, true, 0, 'First', 'Last' || (i % 13), true, false, false, now()
            FROM generate_series(1, 12000) AS i
            """));
        try
        {
            using var admin = await _site.SignedInAdminAsync();
            _site.Commands.Clear();
            var html = await admin.GetHtmlAsync("/admin/auth/user?o=-4&p=115");
            var page = _site.Commands.Commands.Single(c => c.Contains("OFFSET", StringComparison.Ordinal));

            var expected = await _site.WithDbAsync(db => db.Users.OrderByDescending(u => u.LastName).ThenByDescending(u => u.UserName)
                .Skip(11_400).Take(100).Select(u => u.UserName!).ToListAsync());
            expected.Should().HaveCount(100);
            Html.ChangeListNames(html).Should().Equal(expected);
            page.Should().Contain("INNER JOIN (", "the page's user names come from a subquery");
        }
        finally
        {
            await _site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetUsers" WHERE "Id" LIKE 'deep-%' """));
        }
    }

    [Test]
    public async Task Groups_with_permissions_and_bulk_delete_work()
    {
        using var admin = await _site.SignedInAdminAsync();
        using var add = await admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "pg-group", ["Input.Permissions"] = "auth.view_user" });
        var group = await _site.WithDbAsync(db => db.Roles.SingleAsync(g => g.Name == "pg-group"));
        using var action = await admin.PostFormAsync("/admin/auth/group", new() { ["action"] = "delete_selected", ["_selected_action"] = group.Id });
        var confirm = SiteClient.RedirectPath(action);
        using var done = await admin.PostFormAsync("/admin/auth/group/delete_selected", new() { ["ids"] = group.Id }, tokenFrom: confirm);

        done.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _site.WithDbAsync(db => db.Roles.AnyAsync(g => g.Name == "pg-group"))).Should().BeFalse();
        (await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ObjectId == group.Id))).Should().Be(2);
    }

    /// <summary>The number in "about 120,000" followed by <paramref name="after"/>.</summary>
    private static int Estimate(string html, string after) => int.Parse(
        Regex.Match(html, "about ([0-9,]+)" + Regex.Escape(after)).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

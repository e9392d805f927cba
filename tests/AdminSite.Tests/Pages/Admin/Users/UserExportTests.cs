using System.Net;
using AdminSite.Pages.Admin.ChangeLists;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>The users changelist as CSV: the same search, filters and order as the page, every page of it, safe to open.</summary>
[TestFixture]
public sealed class UserExportTests : SiteFixture
{
    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await Site.SeedUsersAsync(Enumerable.Range(0, 250).Select(i => new AdminUser
        {
            UserName = $"export{i:000}",
            Email = $"export{i:000}@example.com",
            FirstName = i % 2 == 0 ? "Even" : "Odd",
            LastName = i == 5 ? "=cmd|' /C calc'!A0" : i == 6 ? "-2+3" : i == 7 ? "@SUM(A1)" : i == 8 ? "Smith, \"Jr\"" : "Plain",
            IsStaff = i % 5 == 0,
            DateJoined = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i),
        }));
        await Site.CreateUserAsync(new("exporter", Permissions: ["auth.view_user"]));
        await Site.CreateUserAsync(new("no.export"));
    }

    [Test]
    public async Task The_export_has_a_header_and_every_matching_user_across_pages_in_the_list_order()
    {
        using var client = await Site.SignedInAsync("exporter");

        var (response, lines) = await ExportAsync(client, "?q=export&is_staff__exact=0&o=-1");

        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.FileName.Should().MatchRegex("^\"?users-\\d{8}-\\d{6}\\.csv\"?$");
        lines[0].Should().Be(string.Join(',', AdminSite.Pages.Admin.Users.ExportModel.Header));
        var names = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        names.Should().HaveCount(200, "250 users, a fifth of them staff: more than the page of 100 the list shows");
        names.Should().BeInDescendingOrder(StringComparer.Ordinal);
        names.Should().NotContain("export000").And.NotContain("export005");
        lines[1].Should().Be("export249,export249@example.com,Odd,Plain,No,No,Yes,2025-09-07 00:00:00Z,");
    }

    [Test]
    public async Task The_export_link_on_the_changelist_carries_the_current_query()
    {
        using var client = await Site.SignedInAsync("exporter");

        var html = await client.GetHtmlAsync("/admin/auth/user?q=Even&o=2");

        html.Should().Contain("href=\"/admin/auth/user/export?o=2&amp;q=Even\"");
    }

    [Test]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_defused()
    {
        using var client = await Site.SignedInAsync("exporter");

        var (_, lines) = await ExportAsync(client, "?q=export00");

        lines.Should().Contain(l => l.StartsWith("export005,", StringComparison.Ordinal) && l.Contains(",'=cmd|' /C calc'!A0,", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("export006,", StringComparison.Ordinal) && l.Contains(",'-2+3,", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("export007,", StringComparison.Ordinal) && l.Contains(",'@SUM(A1),", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("export008,", StringComparison.Ordinal) && l.Contains(",\"Smith, \"\"Jr\"\"\",", StringComparison.Ordinal));
    }

    [TestCase("=1+1", "'=1+1")]
    [TestCase("+1", "'+1")]
    [TestCase("-1", "'-1")]
    [TestCase("@x", "'@x")]
    [TestCase("\tx", "\"'\tx\"")]
    [TestCase("\rx", "\"'\rx\"")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("line\nbreak", "\"line\nbreak\"")]
    [TestCase("a=b", "a=b")]
    [TestCase("", "")]
    [TestCase(null, "")]
    public void Cells_are_escaped_as_RFC_4180_after_the_formula_check(string? value, string expected) =>
        Csv.Cell(value).Should().Be(expected);

    [Test]
    public async Task The_export_streams_one_query_with_no_paging_or_count()
    {
        using var client = await Site.SignedInAsync("exporter");

        Site.Commands.Clear();
        var (_, lines) = await ExportAsync(client, "");
        var queries = Site.Commands.Commands.Where(c => c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal)).ToList();

        lines.Should().HaveCount(1 + 253, "250 seeded users, the admin and the two test users");
        // One for the request's own access check, one for the rows: no LIMIT/OFFSET pages, no count.
        queries.Should().HaveCount(2);
        queries.Should().NotContain(q => q.Contains("LIMIT", StringComparison.Ordinal) && q.Contains("OFFSET", StringComparison.Ordinal));
        queries.Should().NotContain(q => q.Contains("COUNT(", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public async Task Exporting_needs_view_or_change_permission()
    {
        using var client = await Site.SignedInAsync("no.export");

        await SiteClient.ShouldBeDeniedAsync(await client.GetAsync("/admin/auth/user/export"));
    }

    private static async Task<(HttpResponseMessage Response, string[] Lines)> ExportAsync(SiteClient client, string query)
    {
        var response = await client.GetAsync("/admin/auth/user/export" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "a byte order mark makes spreadsheets read UTF-8");
        return (response, System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}

using System.Net;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin.Audit;

/// <summary>The audit browser: superusers only, filtered by actor, object type, action and dates, paginated, exportable.</summary>
[TestFixture]
public sealed class AuditBrowserTests : SiteFixture
{
    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await Site.WithDbAsync(async db =>
        {
            var day = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 130; i++)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    ActionTime = day.AddHours(i),
                    ActorId = i % 2 == 0 ? "id-alice" : "id-bob",
                    ActorUserName = i % 2 == 0 ? "alice" : "bob",
                    ObjectType = i % 3 == 0 ? "group" : "user",
                    ObjectId = $"object-{i:000}",
                    ObjectRepr = i == 7 ? "=HYPERLINK(\"http://evil.example\",\"x\")" : $"object {i:000}",
                    Action = (AuditAction)(i % 3 + 1),
                    Changes = i == 4 ? "[{\"field\":\"First name\",\"before\":\"Ann\",\"after\":\"Anna\"}]" : "[]",
                    ChangedFields = i == 4 ? "[\"First name\"]" : "[]",
                });
            }

            await db.SaveChangesAsync();
        });
        await Site.CreateUserAsync(new("almighty", Permissions: [.. Permissions.All.Select(p => p.Codename)]));
    }

    [Test]
    public async Task Only_superusers_may_browse_or_export_it_not_even_staff_with_every_permission()
    {
        using var almighty = await Site.SignedInAsync("almighty");

        foreach (var path in new[] { "/admin/audit", "/admin/audit/export" })
        {
            await SiteClient.ShouldBeDeniedAsync(await almighty.GetAsync(path), path);
        }

        (await almighty.GetHtmlAsync("/admin/")).Should().NotContain("/admin/audit");
        using var admin = await Site.SignedInAdminAsync();
        (await admin.GetHtmlAsync("/admin/")).Should().Contain("href=\"/admin/audit\"");
    }

    [Test]
    public async Task Entries_list_newest_first_100_a_page()
    {
        using var admin = await Site.SignedInAdminAsync();

        var first = Html.Text(await admin.GetHtmlAsync("/admin/audit?type=user&actor=ALICE"));
        var rows = Rows(first);

        rows.Should().HaveCount(43, "alice's user entries: even i, not a multiple of 3, below 130");
        rows[0].Should().Contain("object 128");
        rows[^1].Should().Contain("object 002");
        first.Should().Contain("43 entries");
    }

    [Test]
    public async Task Filters_combine_actor_type_action_and_an_inclusive_date_range()
    {
        using var admin = await Site.SignedInAdminAsync();

        var html = Html.Text(await admin.GetHtmlAsync("/admin/audit?actor=bob&type=user&action=2&from=2026-03-02&to=2026-03-03"));

        // Bob: odd i; user: i % 3 != 0; Changed: i % 3 == 1; March 2-3: hours 12..59 from March 1 noon.
        var expected = Enumerable.Range(12, 48).Where(i => i % 2 == 1 && i % 3 == 1).Select(i => $"object {i:000}").ToList();
        Rows(html).Select(r => r.Split("object ")[1][..3]).Should().Equal(expected.Select(e => e[^3..]).Reverse());
    }

    [Test]
    public async Task Pages_go_on_past_the_first_hundred()
    {
        using var admin = await Site.SignedInAdminAsync();

        var second = Html.Text(await admin.GetHtmlAsync("/admin/audit?actor=&p=2"));

        second.Should().Contain("object 000");
        Rows(second).Count.Should().BeGreaterThanOrEqualTo(30);
    }

    [Test]
    public async Task Bad_filter_values_are_reported_not_ignored()
    {
        using var admin = await Site.SignedInAdminAsync();

        var html = Html.Text(await admin.GetHtmlAsync("/admin/audit?from=yesterday&action=9&type=planet"));

        html.Should().Contain("Enter a valid date (YYYY-MM-DD).").And.Contain("Select a valid action.").And.Contain("Select a valid object type.");
    }

    [Test]
    public async Task Values_show_in_the_browser()
    {
        using var admin = await Site.SignedInAdminAsync();

        var html = Html.Text(await admin.GetHtmlAsync("/admin/audit?actor=alice&from=2026-03-01&to=2026-03-01"));

        html.Should().Contain("First name").And.Contain("Ann").And.Contain("Anna");
    }

    [Test]
    public async Task The_export_is_CSV_with_the_same_filters_and_defused_formulas()
    {
        using var admin = await Site.SignedInAdminAsync();

        using var response = await admin.GetAsync("/admin/audit/export?actor=bob&type=user");
        var csv = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Time (UTC),Actor,Actor ID,Action,Object type,Object ID,Object,Description,Changes");
        lines.Length.Should().Be(1 + 43);
        lines[1].Should().StartWith("2026-03-06 19:00:00Z,bob,id-bob,Changed,user,object-127,object 127,", "newest first");
        lines.Should().Contain(l => l.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains(",=HYPERLINK", StringComparison.Ordinal));
    }

    private static List<string> Rows(string html) =>
        html.Split("<tr class=\"action-").Skip(1).Select(r => r[..r.IndexOf("</tr>", StringComparison.Ordinal)]).ToList();
}

using System.Text.RegularExpressions;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// Past 1,000 matches the users changelist stops counting and says so, reads its pages in order from the sort
/// column's index, and still shows exactly the rows a full sort would.
/// </summary>
[TestFixture]
public sealed partial class CountBoundTests : AdminClientFixture
{
    private const int Many = ResultCounts.ExactUpTo + 50;

    /// <summary>Users the "late" search does not match, all before its matches in name order.</summary>
    private const int Early = 6_000;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await SeedAsync("many", Many);
        await SeedAsync("early", Early);
        await SeedAsync("late", Many);
    }

    private Task SeedAsync(string prefix, int count) => SeededUsers.InsertAsync(Site, prefix, count, sparseEvery: 0);

    [Test]
    public async Task More_matches_than_the_bound_are_counted_as_more_than_1000()
    {
        var html = await Admin.GetHtmlAsync("/admin/auth/user?q=many");

        html.Should().Contain($"More than 1,000 results (<a href=\"?\">{(2 * Many) + Early + 1} total</a>)");
        html.Should().Contain("more than 1,000 users");
        Html.ChangeListNames(html).Should().Equal(Enumerable.Range(0, 100).Select(i => $"many{i:00000}"));
    }

    [Test]
    public async Task Fewer_matches_than_the_bound_are_counted_exactly()
    {
        var html = await Admin.GetHtmlAsync("/admin/auth/user?q=many001");

        html.Should().Contain("100 results (<a href=\"?\">");
        Html.ChangeListNames(html).Should().Equal(Enumerable.Range(100, 100).Select(i => $"many{i:00000}"));
    }

    [Test]
    public async Task A_page_past_the_bound_shows_its_rows_and_a_page_past_the_end_the_last_page()
    {
        Html.ChangeListNames(await Admin.GetHtmlAsync("/admin/auth/user?q=many&p=11"))
            .Should().Equal(Enumerable.Range(1_000, 50).Select(i => $"many{i:00000}"));

        var past = await Admin.GetHtmlAsync("/admin/auth/user?q=many&p=300");

        Html.ChangeListNames(past).Should().Equal(Enumerable.Range(1_000, 50).Select(i => $"many{i:00000}"));
        past.Should().Contain($"{Many:N0} users", "the end was found, so the count is exact again");
        past.Should().Contain("<span class=\"this-page\" aria-current=\"page\">11</span>");
    }

    [TestCase("", 1)]
    [TestCase("&p=6", 6)]
    public async Task Matches_that_lie_far_down_the_name_order_are_walked_from_the_search_indexs_first_candidate(string page, int number)
    {
        Site.Commands.Clear();
        var html = await Admin.GetHtmlAsync($"/admin/auth/user?q=late{page}");
        var reads = PageReads();

        html.Should().Contain("More than 1,000 results");
        Html.ChangeListNames(html).Should().Equal(Enumerable.Range((number - 1) * 100, 100).Select(i => $"late{i:00000}"));
        reads.Should().OnlyContain(c => c.Contains("INDEXED BY", StringComparison.Ordinal), "nothing sorts the matches")
            .And.ContainSingle(c => c.Contains(">= @fromUserName", StringComparison.Ordinal), "the walk that fills the page starts at the first candidate");
    }

    [Test]
    public async Task Matches_that_lie_first_in_descending_name_order_are_found_by_the_short_walk()
    {
        Html.ChangeListNames(await Admin.GetHtmlAsync("/admin/auth/user?q=late&p=3&o=-1"))
            .Should().Equal(Enumerable.Range(0, Many).Reverse().Skip(200).Take(100).Select(i => $"late{i:00000}"));
    }

    [Test]
    public async Task Matches_that_lie_far_down_another_order_are_found_by_sorting_what_the_search_index_found()
    {
        Site.Commands.Clear();
        var html = await Admin.GetHtmlAsync("/admin/auth/user?q=late&o=2");
        var reads = PageReads();

        // Seeded addresses are prefix.mailNNNNN@example.com, NNNNN = 7i mod the prefix's count.
        var expected = Enumerable.Range(0, Many).Select(i => (Name: $"late{i:00000}", Mail: $"late.mail{7 * i % Many:00000}@example.com"))
            .OrderBy(u => u.Mail, StringComparer.Ordinal).Take(100).Select(u => u.Name);
        Html.ChangeListNames(html).Should().Equal(expected);
        reads.Should().Contain(c => c.Contains("\"UserSearch\"(", StringComparison.Ordinal), "the search index's matches are sorted")
            .And.NotContain(c => c.Contains("@fromUserName", StringComparison.Ordinal), "a first candidate in name order says nothing of the e-mail order");
    }

    /// <summary>The queries that read a page of users (the search index's trigram measure has an OFFSET too).</summary>
    private List<string> PageReads() => Site.Commands.Commands
        .Where(c => c.Contains("\"AspNetUsers\"", StringComparison.Ordinal) && c.Contains("OFFSET", StringComparison.Ordinal)).ToList();

    [TestCase("o=2")]
    [TestCase("o=-2")]
    [TestCase("o=-4&is_staff__exact=0")]
    [TestCase("o=3&is_staff__exact=1&p=2")]
    [TestCase("o=3&is_staff__exact=0&p=5")]
    [TestCase("o=-5&p=7")]
    [TestCase("o=-1")]
    public async Task Walking_a_sort_index_gives_the_rows_a_full_sort_gives(string query)
    {
        var page = Regex.Match(query, @"p=(\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var staff = Regex.Match(query, @"is_staff__exact=(\d)") is { Success: true } s ? s.Groups[1].Value == "1" : (bool?)null;
        var expected = await Site.WithDbAsync(async db =>
        {
            var users = (await db.Users.AsNoTracking().ToListAsync()).Where(u => staff is null || u.IsStaff == staff);
            IEnumerable<AdminUser> sorted = query.Split('&')[0] switch
            {
                "o=2" => users.OrderBy(u => u.Email, StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.Ordinal),
                "o=-2" => users.OrderByDescending(u => u.Email, StringComparer.Ordinal).ThenByDescending(u => u.UserName, StringComparer.Ordinal),
                "o=-4" => users.OrderByDescending(u => u.LastName, StringComparer.Ordinal).ThenByDescending(u => u.UserName, StringComparer.Ordinal),
                "o=3" => users.OrderBy(u => u.FirstName, StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.Ordinal),
                "o=-5" => users.OrderByDescending(u => u.IsStaff).ThenByDescending(u => u.UserName, StringComparer.Ordinal),
                _ => users.OrderByDescending(u => u.UserName, StringComparer.Ordinal),
            };
            return sorted.Skip((page - 1) * 100).Take(100).Select(u => u.UserName!).ToList();
        });

        Html.ChangeListNames(await Admin.GetHtmlAsync($"/admin/auth/user?{query}")).Should().Equal(expected);
    }
}

using AdminSite.Pages.Admin.ChangeLists;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// More than 1,000 matches spread thinly along the sort order (one user in 60): the short walk along the sort
/// index finds too few for a page, and a longer one fills it, instead of sorting every match the search index found.
/// </summary>
[TestFixture]
public sealed class SparseMatchTests : AdminClientFixture
{
    private const int Every = 60;

    /// <summary>Enough users for more than 1,000 matches; "aaa" sorts before every other user name.</summary>
    private const int Users = (ResultCounts.ExactUpTo + 20) * Every;

    [OneTimeSetUp]
    public Task SeedAsync() => SeededUsers.InsertAsync(Site, "aaa", Users, sparseEvery: Every);

    [TestCase("")]
    [TestCase("&o=-1")]
    public async Task A_longer_walk_fills_the_first_page_with_the_rows_a_full_sort_gives(string query)
    {
        Site.Commands.Clear();
        var html = await Admin.GetHtmlAsync($"/admin/auth/user?q=sparse{query}");
        var pages = Site.Commands.Commands.Where(c => c.Contains("\"AspNetUsers\"", StringComparison.Ordinal) && c.Contains("OFFSET", StringComparison.Ordinal)).ToList();

        var matches = Enumerable.Range(0, Users).Where(i => i % Every == 0).Select(i => $"aaa{i:00000}");
        var expected = (query.Contains("o=-1", StringComparison.Ordinal) ? matches.Reverse() : matches).Take(100);
        html.Should().Contain("More than 1,000 results");
        Html.ChangeListNames(html).Should().Equal(expected);
        pages.Should().HaveCount(2, "a short walk, then a longer one")
            .And.OnlyContain(c => c.Contains("INDEXED BY", StringComparison.Ordinal), "both walk the sort index; nothing sorts all the matches");
    }
}

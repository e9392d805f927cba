using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// The benchmark's premise: the users changelist reads both counts with one query and the page with one more,
/// however many rows there are (no query per row). A search on SQLite adds one query to its search index, which
/// measures the terms' trigrams (UserSearchIndex); it does not grow with the rows either.
/// </summary>
[TestFixture]
public sealed class QueryCountTests
{
    private const string SearchFilterAndSort = "/admin/auth/user?q=bulk&is_staff__exact=1&o=-2.1";

    [TestCase(SearchFilterAndSort)]
    [TestCase("/admin/auth/user?o=-2")]
    public async Task The_users_changelist_issues_one_paged_query_and_one_count_whatever_the_row_count(string url)
    {
        await using var site = new AdminSiteFactory();
        using var admin = await site.SignedInAdminAsync();

        await site.SeedUsersAsync([Bulk(0)]);
        var few = await CommandsForChangeListAsync(site, admin, url);
        await site.SeedUsersAsync(Enumerable.Range(1, 150).Select(Bulk));
        var many = await CommandsForChangeListAsync(site, admin, url);

        foreach (var commands in new[] { few, many })
        {
            var userQueries = commands.Where(c => c.Contains("\"AspNetUsers\"", StringComparison.Ordinal)).ToList();
            userQueries.Where(c => c.Contains("OFFSET", StringComparison.Ordinal))
                .Should().ContainSingle("one paged query reads the rows");
            userQueries.Where(c => c.Contains("COUNT(", StringComparison.Ordinal))
                .Should().ContainSingle("one query counts both the matches and the total");
        }

        Html.ChangeListNames(await admin.GetHtmlAsync(url)).Should().HaveCountGreaterThan(99, "the page now holds the seeded users");
        many.Should().HaveCount(few.Count, "the number of queries must not grow with the number of rows");
        TestContext.Out.WriteLine($"{many.Count} commands per changelist request:\n{string.Join("\n---\n", many)}");
    }

    private static AdminUser Bulk(int i) => new() { UserName = $"bulk{i:000}", Email = $"bulk{i}@example.com", IsStaff = true };

    private static async Task<IReadOnlyList<string>> CommandsForChangeListAsync(AdminSiteFactory site, SiteClient admin, string url)
    {
        site.Commands.Clear();
        var html = await admin.GetHtmlAsync(url);
        html.Should().Contain("result_list");
        return site.Commands.Commands;
    }
}

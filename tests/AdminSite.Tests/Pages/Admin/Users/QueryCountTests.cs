using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// The benchmark's premise: the users changelist reads a page with one query and the counts with one
/// more, however many rows there are (no query per row).
/// </summary>
[TestFixture]
public sealed class QueryCountTests
{
    [Test]
    public async Task The_users_changelist_issues_one_paged_query_and_one_count_whatever_the_row_count()
    {
        await using var site = new AdminSiteFactory();
        using var admin = await site.SignedInAdminAsync();

        var few = await CommandsForChangeListAsync(site, admin, "/admin/auth/user?q=adm&is_staff__exact=1&o=-2.1");
        await site.SeedUsersAsync(Enumerable.Range(0, 150).Select(i => new AdminUser { UserName = $"bulk{i:000}", Email = $"bulk{i}@example.com", IsStaff = true }));
        var many = await CommandsForChangeListAsync(site, admin, "/admin/auth/user?is_staff__exact=1&o=-2.1");

        foreach (var commands in new[] { few, many })
        {
            var userQueries = commands.Where(c => c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal)).ToList();
            userQueries.Where(c => c.Contains("OFFSET", StringComparison.Ordinal))
                .Should().ContainSingle("one paged query reads the rows");
            userQueries.Where(c => c.Contains("COUNT(", StringComparison.Ordinal))
                .Should().ContainSingle("one query counts both the matches and the total");
        }

        many.Should().HaveCount(few.Count, "the number of queries must not grow with the number of rows");
        TestContext.Out.WriteLine($"{many.Count} commands per changelist request:\n{string.Join("\n---\n", many)}");
    }

    private static async Task<IReadOnlyList<string>> CommandsForChangeListAsync(AdminSiteFactory site, SiteClient admin, string url)
    {
        site.Commands.Clear();
        var html = await admin.GetHtmlAsync(url);
        html.Should().Contain("result_list");
        return site.Commands.Commands;
    }
}

using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.Users;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// A page at least <see cref="UserChangeList.DeepPage"/> rows down the list, on SQLite: one query along the sort index
/// (PostgreSQL reads such a page in two steps, see PostgreSqlTests), with the rows a plain OFFSET query gives, in
/// every order and filter.
/// </summary>
[TestFixture]
public sealed class DeepPageTests : AdminClientFixture
{
    /// <summary>Enough users that more than <see cref="UserChangeList.DeepPage"/> of them are not staff (two in three).</summary>
    private const int Users = 16_000;

    [OneTimeSetUp]
    public Task SeedAsync() => SeededUsers.InsertAsync(Site, "deep", Users, sparseEvery: 0);

    [TestCase(101, "")]
    [TestCase(159, "&o=-1")]
    [TestCase(120, "&o=-4")]
    [TestCase(130, "&o=2.-3")]
    [TestCase(101, "&is_staff__exact=0")]
    public async Task A_deep_page_walks_the_sort_index_and_shows_the_rows_an_offset_gives(int number, string query)
    {
        Site.Commands.Clear();
        var html = await Admin.GetHtmlAsync($"/admin/auth/user?p={number}{query}");
        var page = Site.Commands.Commands.Single(c => c.Contains("OFFSET", StringComparison.Ordinal));

        var expected = await Site.WithDbAsync(db => Offset(db, query).Skip((number - 1) * 100).Take(100).Select(u => u.UserName!).ToListAsync());
        expected.Should().HaveCount(100, "the test asks for a full page");
        Html.ChangeListNames(html).Should().Equal(expected);
        page.Should().Contain("INDEXED BY", "it walks the sort index").And.NotContain("INNER JOIN (", "SQLite was slower in two steps");
    }

    /// <summary>The list as a plain OFFSET query reads it: the oracle the page is compared with.</summary>
    private static IQueryable<AdminUser> Offset(AdminDbContext db, string query)
    {
        var users = query.Contains("is_staff__exact=0", StringComparison.Ordinal) ? db.Users.Where(u => !u.IsStaff) : db.Users;
        return query switch
        {
            "&o=-1" => users.OrderByDescending(u => u.UserName),
            "&o=-4" => users.OrderByDescending(u => u.LastName).ThenByDescending(u => u.UserName),
            "&o=2.-3" => users.OrderBy(u => u.Email).ThenByDescending(u => u.FirstName).ThenByDescending(u => u.UserName),
            _ => users.OrderBy(u => u.UserName),
        };
    }
}

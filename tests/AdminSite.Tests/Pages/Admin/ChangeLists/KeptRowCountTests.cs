using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.ChangeLists;

/// <summary>
/// On SQLite the users changelist's total is the count the triggers keep (<see cref="TableRowCount"/>), not a count
/// of the table; a database without that row still shows the right total.
/// </summary>
[TestFixture]
public sealed class KeptRowCountTests : AdminClientFixture
{
    [TearDown]
    public Task RecountAsync() => Site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
        INSERT OR REPLACE INTO "TableRowCounts" ("Table", "Rows") SELECT 'AspNetUsers', count(*) FROM "AspNetUsers"
        """));

    [Test]
    public async Task The_list_and_a_search_show_the_kept_count_as_the_total()
    {
        await SetKeptUsersAsync(4321);

        (await Admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("4,321 users");
        (await Admin.GetHtmlAsync("/admin/auth/user?q=admin")).Should().Contain("1 result (<a href=\"?\">4321 total</a>)");
    }

    [Test]
    public async Task Without_its_row_the_table_is_counted()
    {
        await Site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "TableRowCounts" WHERE "Table" = 'AspNetUsers'"""));
        var users = await Site.WithDbAsync(db => db.Users.CountAsync());

        (await Admin.GetHtmlAsync("/admin/auth/user")).Should().Contain($"{users} user");
        (await Admin.GetHtmlAsync("/admin/auth/user?q=admin")).Should().Contain($"1 result (<a href=\"?\">{users} total</a>)");
    }

    private Task SetKeptUsersAsync(long rows) => Site.WithDbAsync(db => db.Database.ExecuteSqlAsync(
        $"""UPDATE "TableRowCounts" SET "Rows" = {rows} WHERE "Table" = 'AspNetUsers'"""));
}

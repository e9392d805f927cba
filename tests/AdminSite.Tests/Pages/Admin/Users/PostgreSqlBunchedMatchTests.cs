using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// More than 1,000 matches that all lie far down the sort order, on PostgreSQL: "item9" matches nothing before
/// item9 in name order, as "user5" matches nothing before user5 at a million users. A short walk along the sort
/// index finds none of them, so the matches the trigram lookup finds are sorted instead of walking on past every
/// user before them (at a million users 1.5 s a page walked, 0.3 s sorted). Its own database: the statistics the lookup reads are kept
/// per database for minutes, and these must be read after ANALYZE.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[NonParallelizable]
public sealed class PostgreSqlBunchedMatchTests
{
    /// <summary>item1 ... item12000: "item9" matches 1,111 of them (item9, item90-99, item900-999, item9000-9999).</summary>
    private const int Users = 12_000;

    private readonly string _database = $"admin_site_test_{Guid.NewGuid():N}";
    private AdminSiteFactory _site = null!;
    private SiteClient _admin = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _site = new AdminSiteFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:PostgreSQL"] = await PostgresServer.CreateDatabaseAsync(_database),
        });
        _admin = await _site.SignedInAdminAsync();
        await _site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
            SELECT 'item-' || i, 'item' || i, 'ITEM' || i, NULL, NULL, false,
                'stamp', 'stamp', false, false, true, 0, 'First', 'Last', true, false, false, now()
            FROM generate_series(1, {Users}) AS i
            """));
        await _site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ANALYZE "AspNetUsers" """));
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        _admin?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(_database);
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task A_short_walk_that_finds_none_gives_way_to_sorting_the_lookups_matches(int page)
    {
        _site.Commands.Clear();
        var html = await _admin.GetHtmlAsync($"/admin/auth/user?q=item9&p={page}");
        var pages = _site.Commands.Commands.Where(c => c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal) && c.Contains("OFFSET", StringComparison.Ordinal)).ToList();

        var expected = await _site.WithDbAsync(db => db.Users.Where(u => u.NormalizedUserName!.Contains("ITEM9"))
            .OrderBy(u => u.UserName).Skip((page - 1) * 100).Take(100).Select(u => u.UserName!).ToListAsync());
        expected.Should().HaveCount(100);
        html.Should().Contain("More than 1,000 results");
        Html.ChangeListNames(html).Should().Equal(expected);
        pages.Should().HaveCount(2, "a short walk, then the lookup's matches sorted");
        pages[1].Should().Contain("LIKE @pattern", "the sorted matches are those the lookup finds");
    }
}

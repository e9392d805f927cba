using System.Linq.Expressions;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;
using AdminSite.Pages.Admin.Users;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// The indexed search finds exactly what the search before it found: each term, upper-cased by .NET, contained
/// in the normalized user name or e-mail or in upper() of a name. For a fixed set of awkward users and
/// searches, the search index's candidates (SQLite), the ordered walk and the changelist itself are compared
/// with that search, run by the database as it was written before the indexes, and on SQLite with the same rule
/// computed here in C#; again after users are renamed and deleted, which the index follows through its triggers.
/// </summary>
public abstract class UserSearchExactnessTests
{
    public static readonly string[] Searches =
    [
        "a", "é", "É", "ß", "ı", "i", "İ", "σ", "Σ", "ς", "𝒳", "k", "K",
        "ad", "zz", "oé", "%", "_", "\\", "'", "\"", "%_", "a%b", "a_b",
        "ada", "ADA", "lovelace", "LoveLace", "chloé", "CHLOÉ", "chloe", "zoë", "yildiz", "YILDIZ", "yıldız",
        "straße", "STRASSE", "ǆemal", "ΣΊΣΥΦΟΣ", "σίσυφος", "𝒳yz", "user0", "example.com", "@odd",
        "ada lovelace", "\"ada lovelace\"", "\"a l\"", "chloé example", "o'brien", "100%", "50_50", "back\\slash",
        "nobody", "ada nobody", "ada@example.com", "zoe@example", "x y", "\"\"", "e ö", "lov ace", "  spaced   out  ",
    ];

    private static readonly (string UserName, string? Email, string First, string Last)[] People =
    [
        ("ada", "ada@example.com", "Ada", "Lovelace"),
        ("chloe1", "chloe@odd.example", "Chloé", "Dupont"),
        ("CHLOE2", null, "CHLOÉ", "Martin"),
        ("zoe", "zoe@example.com", "Zoë", "Ångström"),
        ("yildiz", "yildiz@example.com", "Yıldız", "Öztürk"),
        ("istanbul", "i@example.com", "İlker", "Işık"),
        ("strasse", "strasse@example.com", "Groß", "Straße"),
        ("djemal", "dj@example.com", "ǆemal", "ǅokić"),
        ("sisyphus", "sis@example.com", "Σίσυφος", "σίσυφος"),
        ("kelvin", "k@example.com", "Kelvin", "Ka"),
        ("math", "math@example.com", "𝒳yz", "𝒴"),
        ("percent", "p%c@example.com", "100%", "50_50"),
        ("slash", "s@example.com", "back\\slash", "O'Brien"),
        ("quote", "q@example.com", "say \"hi\"", "a l"),
        ("user001", "user001@even.example", "", ""),
        ("user002", "user002@odd.example", "Ad", "Z"),
        ("zz", "zz@example.com", "Zz", "zZ"),
        ("spaced", "spaced@example.com", "spaced", "out"),
    ];

    protected AdminSiteFactory Site { get; set; } = null!;

    private SiteClient _admin = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        Site = await CreateSiteAsync();
        await Site.SeedUsersAsync(People.Select(p => new AdminUser { UserName = p.UserName, Email = p.Email, FirstName = p.First, LastName = p.Last, IsStaff = true }));
        await AfterSeedingAsync();
        _admin = await Site.SignedInAdminAsync();
    }

    [OneTimeTearDown]
    public async Task DisposeSiteAsync()
    {
        _admin?.Dispose();
        await DisposeAsync();
    }

    protected abstract Task<AdminSiteFactory> CreateSiteAsync();

    protected abstract Task DisposeAsync();

    protected virtual Task AfterSeedingAsync() => Task.CompletedTask;

    [TestCaseSource(nameof(Searches))]
    public async Task The_indexed_search_finds_what_the_plain_search_finds(string search) =>
        await ExpectSameMatchesAsync(search);

    /// <summary>Its own users: the other tests compare on whatever the data is, so the order of tests does not matter.</summary>
    [Test]
    public async Task The_index_follows_renames_and_deletions()
    {
        await Site.SeedUsersAsync([
            new AdminUser { UserName = "renamed", Email = "renamed@example.com", FirstName = "Wilhelmina", LastName = "Quux" },
            new AdminUser { UserName = "deleted", Email = "deleted@example.com", FirstName = "Wilhelmina", LastName = "Quuz" },
        ]);
        await Site.WithDbAsync(async db =>
        {
            var renamed = await db.Users.SingleAsync(u => u.UserName == "renamed");
            renamed.UserName = "augusta";
            renamed.NormalizedUserName = "AUGUSTA";
            renamed.Email = null;
            renamed.NormalizedEmail = null;
            renamed.FirstName = "Augusta";
            db.Users.Remove(await db.Users.SingleAsync(u => u.UserName == "deleted"));
            await db.SaveChangesAsync();
        });

        foreach (var search in new[] { "wilhelmina", "augusta", "renamed", "deleted", "quux", "quu", "example" })
        {
            await ExpectSameMatchesAsync(search);
        }
    }

    private async Task ExpectSameMatchesAsync(string search)
    {
        var list = new UserChangeList(Query(search));
        var (plain, indexed, walked, everyone) = await Site.WithDbAsync(async db => (
            await Names(db.Users.Where(SearchBeforeTheIndexes(list.Terms))),
            await Names((await list.FindAsync(db, CancellationToken.None)).Users),
            await Names(list.Walk(db)),
            await db.Users.AsNoTracking().ToListAsync()));

        indexed.Should().BeEquivalentTo(plain, $"the search index finds what the plain search finds for [{search}]");
        walked.Should().BeEquivalentTo(plain, $"the ordered walk finds what the plain search finds for [{search}]");
        if (IsSqlite)
        {
            plain.Should().BeEquivalentTo(Expected(everyone, list.Terms), $"[{search}] on SQLite is .NET's upper case, contained");
        }

        var html = await _admin.GetHtmlAsync($"/admin/auth/user?q={Uri.EscapeDataString(search)}");
        Html.ChangeListNames(html).Should().BeEquivalentTo(list.Terms.Count == 0 ? everyone.Select(u => u.UserName!) : plain);
    }

    protected virtual bool IsSqlite => true;

    private static ChangeListQuery Query(string search) =>
        new(new QueryCollection(new Dictionary<string, StringValues> { [ChangeListQuery.Search] = search }));

    /// <summary>The search as the site had it before the indexes, word for word: the definition the new one must keep.</summary>
    private static Expression<Func<AdminUser, bool>> SearchBeforeTheIndexes(IReadOnlyList<string> terms)
    {
        Expression<Func<AdminUser, bool>> predicate = _ => true;
        foreach (var term in terms)
        {
            var upper = term.ToUpperInvariant();
            predicate = predicate.AndAlso(u =>
                u.NormalizedUserName!.Contains(upper)
                || u.NormalizedEmail!.Contains(upper)
                || u.FirstName.ToUpper().Contains(upper)
                || u.LastName.ToUpper().Contains(upper));
        }

        return predicate;
    }

    private static Task<List<string>> Names(IQueryable<AdminUser> users) => users.Select(u => u.UserName!).ToListAsync();

    private static IEnumerable<string> Expected(IEnumerable<AdminUser> users, IReadOnlyList<string> terms) =>
        users.Where(u => terms.All(term =>
        {
            var upper = term.ToUpperInvariant();
            return new[] { u.NormalizedUserName, u.NormalizedEmail, u.FirstName.ToUpperInvariant(), u.LastName.ToUpperInvariant() }
                .Any(field => field?.Contains(upper, StringComparison.Ordinal) == true);
        })).Select(u => u.UserName!);
}

[TestFixture]
public sealed class SqliteUserSearchExactnessTests : UserSearchExactnessTests
{
    protected override Task<AdminSiteFactory> CreateSiteAsync() => Task.FromResult(new AdminSiteFactory());

    protected override async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>The same on PostgreSQL, where pg_trgm's indexes find the candidates (the E2E stage runs it).</summary>
[TestFixture]
[Category("PostgreSQL")]
[NonParallelizable]
public sealed class PostgreSqlUserSearchExactnessTests : UserSearchExactnessTests
{
    private readonly string _database = $"admin_site_test_{Guid.NewGuid():N}";

    protected override bool IsSqlite => false;

    /// <summary>
    /// Statistics, so that searches holding a part most users have (EXAMPLE) go through the lookup of their rarest
    /// parts (PostgresSearchLookup), which a table never analyzed does without. The users added later are not in
    /// them, as in life.
    /// </summary>
    protected override Task AfterSeedingAsync() => Site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE \"AspNetUsers\""));

    [Test]
    public async Task The_lookup_judges_parts_by_the_values_ANALYZE_keeps()
    {
        var sample = await Site.WithDbAsync(db => SearchedValueSample.ForAsync(db, CancellationToken.None));

        sample.IsEmpty.Should().BeFalse("ANALYZE has run");
        sample.ShareHolding("EXA").Should().BeGreaterThan(sample.ShareHolding("ODD"), "most addresses are at example.com, two at odd.example");
        sample.ShareHolding("ODD").Should().BeGreaterThan(0);
        sample.ShareHolding("QQQ").Should().Be(0);
        PostgresSearchLookup.Choose(["ADA@EXAMPLE.COM"], sample).Should().NotBeEmpty("EXAMPLE and COM are in most addresses, ADA in three values, so the searches above go through the lookup");
    }

    protected override async Task<AdminSiteFactory> CreateSiteAsync() => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:PostgreSQL"] = await PostgresServer.CreateDatabaseAsync(_database),
    });

    protected override async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }
}

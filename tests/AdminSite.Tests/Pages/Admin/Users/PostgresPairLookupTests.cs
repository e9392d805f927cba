using AdminSite.Pages.Admin.ChangeLists;
using AdminSite.Pages.Admin.Users;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// Which terms of one or two characters PostgreSQL's pair index is asked for (what is found is
/// UserSearchExactnessTests'). The sample stands for a million "userNNNNNN" users at example.com.
/// </summary>
[TestFixture]
public sealed class PostgresPairLookupTests
{
    private static readonly SearchedValueSample Users = new(
    [
        .. Enumerable.Range(0, 100).Select(i => ($"USER{i * 10_000:000000}", 0.01)),
        .. Enumerable.Range(0, 100).Select(i => ($"USER{i * 10_000:000000}@EXAMPLE.COM", 0.01)),
        ("ADA", 0.1), ("LOVELACE", 0.1), ("ÖZTÜRK", 0.05), ("ZOË", 0.02),
    ]);

    [TestCase("ZZ")]
    [TestCase("Ë")]
    public void A_term_few_values_hold_is_looked_up(string term) =>
        PostgresPairLookup.Choose([term], Users).Should().Equal(term);

    [TestCase("US", Description = "in every user name")]
    [TestCase("A", Description = "in every address")]
    [TestCase("Ö", Description = "in one last name in 20")]
    public void A_term_many_values_hold_is_not(string term) =>
        PostgresPairLookup.Choose([term], Users).Should().BeEmpty("checking users in order finds enough of its matches sooner");

    [Test]
    public void A_term_much_commoner_than_the_rarest_is_left_out() =>
        PostgresPairLookup.Choose(["Ö", "ZZ", "Ë"], Users).Should().Equal("ZZ", "Ë");

    [Test]
    public void Without_statistics_nothing_is_looked_up() =>
        PostgresPairLookup.Choose(["ZZ"], new SearchedValueSample([])).Should().BeEmpty();
}

/// <summary>
/// The pair index on a database of its own, analyzed: asked for a rare short term, the planner reads the index (the
/// lookup writes the expression it was built on), and what it finds holds every match.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[NonParallelizable]
public sealed class PostgreSqlPairLookupTests
{
    /// <summary>user1 ... user2000; every 400th is called Jazz.</summary>
    private const int Users = 2_000;

    private readonly string _database = $"admin_site_test_{Guid.NewGuid():N}";
    private string _connectionString = null!;
    private AdminSiteFactory _site = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(_database);
        _site = new AdminSiteFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:PostgreSQL"] = _connectionString,
        });
        await _site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
            SELECT 'user-' || i, 'user' || i, 'USER' || i, NULL, NULL, false,
                'stamp', 'stamp', false, false, true, 0, 'First', CASE WHEN i % 400 = 0 THEN 'Jazz' ELSE 'Last' END, true, false, false, now()
            FROM generate_series(1, {Users}) AS i
            """));
        await _site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ANALYZE "AspNetUsers" """));
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Test]
    public async Task A_rare_short_term_is_found_from_the_index()
    {
        var names = await _site.WithDbAsync(async db =>
            await (await PostgresPairLookup.CandidatesAsync(db, ["zz"], CancellationToken.None))!.Select(u => u.UserName!).OrderBy(n => n).ToListAsync());

        names.Should().Equal("user1200", "user1600", "user2000", "user400", "user800");
    }

    [Test]
    public async Task The_planner_reads_the_index_for_the_lookups_expression()
    {
        var plan = await PlanAsync("SET enable_seqscan = off");

        plan.Should().Contain(line => line.Contains("IX_AspNetUsers_SearchPairs", StringComparison.Ordinal), string.Join("\n", plan));
    }

    /// <summary>
    /// At a million users the planner took the index to find 5,000 users and started two workers for them, 5 ms of a
    /// search that took 7 ms: the function is marked PARALLEL RESTRICTED so that it cannot, even where every plan that
    /// may run in a worker is made to (debug_parallel_query, called force_parallel_mode before PostgreSQL 16).
    /// </summary>
    [Test]
    public async Task The_lookup_runs_in_one_process()
    {
        var plan = await PlanAsync("SELECT set_config(name, 'on', false) FROM pg_settings WHERE name IN ('debug_parallel_query', 'force_parallel_mode')");

        plan.Should().NotContain(line => line.Contains("Parallel", StringComparison.Ordinal) || line.Contains("Gather", StringComparison.Ordinal), string.Join("\n", plan));
    }

    private async Task<List<string>> PlanAsync(string settings)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand(settings, connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            "EXPLAIN " + string.Format(System.Globalization.CultureInfo.InvariantCulture, PostgresPairLookup.HoldingAll, "@terms"), connection);
        command.Parameters.AddWithValue("terms", new[] { "ZZ" });
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }

    [TestCase("zz", true)]
    [TestCase("j", true)]
    [TestCase("zz a", true, Description = "a, in every last name, is checked on what zz finds")]
    [TestCase("a", false)]
    [TestCase("zz user", false, Description = "USER has trigrams; pg_trgm answers it")]
    public async Task Only_a_search_of_short_terms_with_a_rare_one_goes_through_it(string search, bool throughIndex)
    {
        var list = new UserChangeList(new ChangeListQuery(new QueryCollection(new Dictionary<string, StringValues> { [ChangeListQuery.Search] = search })));
        var matches = await _site.WithDbAsync(db => list.FindAsync(db, CancellationToken.None));

        matches.ThroughSearchIndex.Should().Be(throughIndex);
    }
}

using AdminSite.Pages.Admin.Users;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// Which substrings PostgreSQL's trigram indexes are asked for (what is found is UserSearchExactnessTests'). The
/// sample stands for a million "userNNNNNN" users at example.com, Ada Lovelace among ten first and last names.
/// </summary>
[TestFixture]
public sealed class PostgresSearchLookupTests
{
    private static readonly SearchedValueSample Users = new(
    [
        .. Enumerable.Range(0, 100).Select(i => ($"USER{i * 10_000:000000}", 0.01)),
        .. Enumerable.Range(0, 100).Select(i => ($"USER{i * 10_000:000000}@EXAMPLE.COM", 0.01)),
        ("ADA", 0.1), ("GRACE", 0.1), ("LINUS", 0.8),
        ("LOVELACE", 0.1), ("HOPPER", 0.1), ("TORVALDS", 0.8),
    ]);

    [Test]
    public void A_term_is_looked_up_by_its_two_rarest_parts_and_not_by_those_every_user_name_holds()
    {
        var parts = PostgresSearchLookup.Choose(["USER123456"], Users).Should().ContainSingle().Subject;

        parts.Should().HaveCount(2).And.NotContain(["USE", "SER", "ER1"]);
        parts.Should().OnlyContain(p => "USER123456".Contains(p, StringComparison.Ordinal));
    }

    [Test]
    public void A_term_much_commoner_than_another_is_left_out_and_the_others_are_kept()
    {
        var chosen = PostgresSearchLookup.Choose(["GRACE", "HOPPER", "EXAMPLE"], Users);

        chosen.Should().HaveCount(2, "every address holds EXAMPLE; GRACE and HOPPER are each in a tenth of the names");
        chosen.SelectMany(parts => parts).Should().NotContain(p => "EXAMPLE".Contains(p, StringComparison.Ordinal));
    }

    [Test]
    public void Without_statistics_each_term_is_looked_up_whole()
    {
        var chosen = PostgresSearchLookup.Choose(["USER123456", "EXAMPLE"], new SearchedValueSample([]));

        chosen.Should().BeEquivalentTo(new[] { new[] { "USER123456" }, ["EXAMPLE"] }, o => o.WithStrictOrdering());
    }

    [TestCase("A L")]
    [TestCase("É@Ö")]
    [TestCase("%_")]
    [TestCase("AD")]
    public void A_term_without_three_letters_or_digits_in_a_row_is_looked_up_whole(string term) =>
        PostgresSearchLookup.Choose([term], Users).Should().BeEquivalentTo(new[] { new[] { term } });

    [Test]
    public void Parts_are_runs_of_ASCII_letters_and_digits_that_pg_trgm_makes_trigrams_of() =>
        PostgresSearchLookup.Parts("AB@CDE.FGÉH1").Should().Equal("CDE");
}

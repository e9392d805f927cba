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
    public void The_second_part_shares_no_character_with_the_first_where_one_as_rare_does_not()
    {
        var parts = PostgresSearchLookup.Choose(["USER123456"], Users).Should().ContainSingle().Subject;

        var (first, second) = ("USER123456".IndexOf(parts[0], StringComparison.Ordinal), "USER123456".IndexOf(parts[1], StringComparison.Ordinal));
        Math.Abs(first - second).Should().BeGreaterThanOrEqualTo(3, $"{parts[0]} and {parts[1]} overlap, and so narrow the lookup little more than one of them");
    }

    [Test]
    public void Overlapping_parts_are_asked_for_where_no_other_is_as_rare() =>
        PostgresSearchLookup.Choose(["USERQZ"], Users).Should().BeEquivalentTo(new[] { new[] { "ERQ", "RQZ" } });

    [Test]
    public void A_term_much_commoner_than_another_is_left_out()
    {
        var chosen = PostgresSearchLookup.Choose(["USER123456", "EXAMPLE"], Users);

        chosen.Should().ContainSingle("every address holds EXAMPLE")
            .Which.Should().OnlyContain(p => "USER123456".Contains(p, StringComparison.Ordinal));
    }

    [Test]
    public void A_second_part_much_commoner_than_the_rarest_is_not_asked_for() =>
        PostgresSearchLookup.Choose(["USERQ"], Users).Should().BeEquivalentTo(new[] { new[] { "ERQ" } });

    [TestCase("ADA LOVELACE")]
    [TestCase("GRACE HOPPER EXAMPLE")]
    public void Terms_whose_parts_are_about_as_common_as_each_other_are_left_to_their_own_LIKE(string search) =>
        PostgresSearchLookup.Choose(search.Split(' '), Users).Should().BeEmpty("each part of ADA, GRACE or HOPPER is in a tenth or a fifth of the names");

    [Test]
    public void Without_statistics_nothing_is_looked_up() =>
        PostgresSearchLookup.Choose(["USER123456", "EXAMPLE"], new SearchedValueSample([])).Should().BeEmpty();

    [TestCase("A L")]
    [TestCase("É@Ö")]
    [TestCase("%_")]
    [TestCase("AD")]
    public void A_term_without_three_letters_or_digits_in_a_row_is_not_looked_up(string term) =>
        PostgresSearchLookup.Choose([term, "USER123456"], Users).Should().ContainSingle()
            .Which.Should().OnlyContain(p => "USER123456".Contains(p, StringComparison.Ordinal));

    [Test]
    public void Parts_are_runs_of_ASCII_letters_and_digits_that_pg_trgm_makes_trigrams_of() =>
        PostgresSearchLookup.Parts("AB@CDE.FGÉH1").Should().Equal("CDE");
}

using AdminSite.Pages.Admin.Users;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// Which trigrams SQLite's search index is asked for, given how far each one's first rows reach (the rarer, the
/// further): the figures are those measured at a million users. The choice decides how many candidates are read,
/// never which users match (UserSearchExactnessTests).
/// </summary>
[TestFixture]
public sealed class UserSearchTrigramChoiceTests
{
    [Test]
    public void A_term_is_looked_up_by_its_rarest_trigram_and_a_rare_one_that_does_not_overlap_it()
    {
        var reach = new Dictionary<string, long>
        {
            ["USE"] = 65, ["SER"] = 65, ["ER1"] = 532, ["R12"] = 6332,
            ["123"] = 15519, ["234"] = 15888, ["345"] = 16069, ["456"] = 16242,
        };

        Chosen(reach, "user123456").Should().Equal(["456", "123"], "345 and 234 share characters with 456 and narrow little more");
    }

    [Test]
    public void Overlapping_trigrams_are_taken_when_no_other_is_about_as_rare()
    {
        var reach = new Dictionary<string, long> { ["ABC"] = 900, ["BCD"] = 800, ["CDE"] = 100, ["DEF"] = 90 };

        Chosen(reach, "abcdef").Should().Equal("ABC", "BCD");
    }

    [Test]
    public void A_trigram_far_commoner_than_its_terms_rarest_is_not_looked_up()
    {
        var reach = new Dictionary<string, long> { ["USE"] = 65, ["SER"] = 65, ["ER5"] = 697 };

        Chosen(reach, "user5").Should().Equal("ER5");
    }

    [Test]
    public void A_term_far_commoner_than_the_rarest_term_is_only_checked_on_what_the_others_find()
    {
        var reach = new Dictionary<string, long>
        {
            ["GRA"] = 641, ["RAC"] = 641, ["ACE"] = 334,
            ["EXA"] = 65, ["XAM"] = 65, ["AMP"] = 65, ["MPL"] = 65, ["PLE"] = 65,
        };

        Chosen(reach, "grace", "example").Should().Equal("GRA", "RAC");
    }

    private static List<string> Chosen(Dictionary<string, long> reach, params string[] terms) =>
        UserSearchIndex.Chosen(terms.Select(t => UserSearchIndex.Trigrams(t.ToUpperInvariant())).ToList(), reach).ToList();
}

using AdminSite.Pages.Admin.ChangeLists;

namespace AdminSite.Tests.Pages.Admin.ChangeLists;

/// <summary>What a changelist says next to its search box, for each kind of count.</summary>
[TestFixture]
public sealed class ResultCountsTests
{
    [Test]
    public void Counted_matches_and_total_read_as_Django_writes_them()
    {
        var counts = new ResultCounts { Matching = 1, Total = 1234 };

        counts.Describe("result", "results").Should().Be("1 result");
        counts.TotalText.Should().Be("1234");
    }

    [Test]
    public void A_bound_and_an_estimated_total_say_so()
    {
        var counts = new ResultCounts { Matching = ResultCounts.ExactUpTo + 1, Kind = CountKind.AtLeast, Total = 1_000_000, IsTotalEstimated = true };

        counts.Describe("result", "results").Should().Be("More than 1,000 results");
        counts.TotalText.Should().Be("about 1,000,000");
    }

    [TestCase(1_000_137, 1_000_000)]
    [TestCase(123_456, 123_000)]
    [TestCase(999_600, 1_000_000)]
    [TestCase(100_049, 100_000)]
    public void An_estimate_keeps_three_significant_digits(double rows, double shown) =>
        TableSizeEstimate.RoundToSignificantDigits(rows, 3).Should().Be(shown);
}

using AdminSite.Pages.Admin.ChangeLists;

namespace AdminSite.Tests.Pages.Admin.ChangeLists;

/// <summary>Django's page arithmetic, and what changes when the count is only a lower bound or an estimate.</summary>
[TestFixture]
public sealed class PaginatorTests
{
    [Test]
    public void An_exact_count_clamps_the_page_and_links_both_ends()
    {
        var paginator = new Paginator(1234, 99);

        paginator.PageCount.Should().Be(13);
        paginator.Page.Should().Be(13, "a page past the end shows the last one");
        paginator.CountText.Should().Be("1,234");
        paginator.ElidedRange().Should().Equal(1, 2, null, 10, 11, 12, 13);
    }

    [Test]
    public void A_lower_bound_takes_the_page_as_asked_and_ends_the_links_with_an_ellipsis()
    {
        var paginator = new Paginator(ResultCounts.ExactUpTo + 1, 500, kind: CountKind.AtLeast);

        paginator.Page.Should().Be(500, "pages past the bound may exist");
        paginator.Skip.Should().Be(49_900);
        paginator.CountText.Should().Be("more than 1,000");
        paginator.ElidedRange().Should().Equal(1, 2, null, 497, 498, 499, 500, null);
        new Paginator(ResultCounts.ExactUpTo + 1, 1, kind: CountKind.AtLeast).ElidedRange()
            .Should().Equal(1, 2, 3, 4, null, 10, 11, null);
    }

    [Test]
    public void An_estimate_takes_the_page_as_asked_and_links_the_estimated_last_page()
    {
        var paginator = new Paginator(1_000_000, 12_000, kind: CountKind.About);

        paginator.Page.Should().Be(12_000, "the table may have grown since it was estimated");
        paginator.CountText.Should().Be("about 1,000,000");
        new Paginator(1_000_000, 1, kind: CountKind.About).ElidedRange().Should().Equal(1, 2, 3, 4, null, 9_999, 10_000);
    }

    [TestCase(CountKind.AtLeast, ResultCounts.ExactUpTo + 1)]
    [TestCase(CountKind.About, 1_400)]
    public async Task Reading_past_the_last_row_of_a_count_not_exact_counts_exactly_and_shows_the_last_page(CountKind kind, int count)
    {
        var rows = Enumerable.Range(1, 1_250).ToList();
        var counts = new ResultCounts { Matching = count, Kind = kind };

        var (paginator, page) = await Paginator.ReadAsync(counts, 400,
            p => Task.FromResult(rows.Skip(p.Skip).Take(p.PerPage).ToList()),
            () => Task.FromResult(rows.Count));

        paginator.Page.Should().Be(13);
        paginator.Kind.Should().Be(CountKind.Exact);
        page.Should().Equal(rows.Skip(1_200));
    }
}

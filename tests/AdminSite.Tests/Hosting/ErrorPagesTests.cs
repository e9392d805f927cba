using System.Net;
using AdminSite.Pages.Shared;
using AdminSite.Tests.Infrastructure;
using AngleSharp.Html.Parser;

namespace AdminSite.Tests.Hosting;

/// <summary>The plain error pages (written by middleware) look like the rest of the site, with the same versioned stylesheets.</summary>
[TestFixture]
public sealed class ErrorPagesTests : SiteFixture
{
    [Test]
    public async Task A_status_page_links_every_stylesheet_with_its_version_in_cascade_order()
    {
        using var anonymous = Site.CreateSiteClient();

        var page = new HtmlParser().ParseDocument(await anonymous.GetHtmlAsync("/no-such-page", HttpStatusCode.NotFound));

        var links = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        links.Select(l => l.Split('?')[0]).Should().Equal(SiteAssets.Stylesheets);
        links.Should().OnlyContain(l => l.Contains("?v="), "a new deploy must not be served a stale part from a cache");
        foreach (var link in links)
        {
            using var css = await anonymous.GetAsync(link);
            css.StatusCode.Should().Be(HttpStatusCode.OK, link);
            css.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        }
    }
}

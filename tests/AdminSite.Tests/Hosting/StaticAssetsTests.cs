using System.Net;
using AdminSite.Pages.Shared;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Hosting;

/// <summary>
/// The site serves its own wwwroot and nothing else: Identity UI's Bootstrap and jQuery are dropped at build
/// time (AdminSite.csproj), so they neither reach the image nor cost a Brotli pass on every publish.
/// </summary>
[TestFixture]
public sealed class StaticAssetsTests : SiteFixture
{
    [Test]
    public void Every_static_file_route_is_one_of_the_sites_own()
    {
        var files = RouteInventory.All(Site).Where(r => r.IsStaticFile && r.Template != "/{**path:file}").Select(r => r.Template).ToList();

        files.Should().Contain(SiteAssets.Stylesheets).And.Contain(SiteAssets.Scripts);
        files.Should().OnlyContain(template => template.StartsWith("/css/") || template.StartsWith("/img/") || template.StartsWith("/js/"));
    }

    [Test]
    public async Task Pages_link_each_stylesheet_and_script_by_a_versioned_address_in_order()
    {
        using var anonymous = Site.CreateSiteClient();

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await anonymous.GetHtmlAsync(SiteClient.LoginPath));

        // MapStaticAssets fingerprints each file's name (theme.6nkrsvjk2h.css): a deploy changes the address, no cache holds it back.
        var styles = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        styles.Select(Unversioned).Should().Equal(SiteAssets.Stylesheets);
        scripts.Select(Unversioned).Should().Equal(SiteAssets.Scripts);
        styles.Concat(scripts).Should().OnlyContain(href => Unversioned(href) != href);
        foreach (var href in styles.Concat(scripts))
        {
            (await anonymous.GetAsync(href)).StatusCode.Should().Be(HttpStatusCode.OK, href);
        }

        (await anonymous.GetAsync("/css/admin.css")).StatusCode.Should().Be(HttpStatusCode.NotFound, "no file imports the parts any more");
    }

    // "/css/theme.6nkrsvjk2h.css" or "/css/theme.css?v=..." is "/css/theme.css".
    private static string Unversioned(string href) =>
        System.Text.RegularExpressions.Regex.Replace(href.Split('?')[0], @"\.[a-z0-9]{10}(\.(css|js))$", "$1");

    [TestCase("/Identity/lib/bootstrap/dist/css/bootstrap.min.css")]
    [TestCase("/Identity/lib/jquery/dist/jquery.min.js")]
    [TestCase("/Identity/css/site.css")]
    public async Task Identity_UI_assets_are_not_served(string path)
    {
        using var client = Site.CreateSiteClient();

        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

using System.Net;
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

        files.Should().Contain("/css/admin.css").And.Contain("/js/admin.js");
        files.Should().OnlyContain(template => template.StartsWith("/css/") || template.StartsWith("/img/") || template.StartsWith("/js/"));
    }

    [TestCase("/Identity/lib/bootstrap/dist/css/bootstrap.min.css")]
    [TestCase("/Identity/lib/jquery/dist/jquery.min.js")]
    [TestCase("/Identity/css/site.css")]
    public async Task Identity_UI_assets_are_not_served(string path)
    {
        using var client = Site.CreateSiteClient();

        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

using AdminSite.Pages.Shared;
using AdminSite.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AdminSite.Tests.Pages.Shared;

/// <summary>Django's "View site" link: shown when AdminSite:SiteUrl is set, absent by default (this site is only the admin).</summary>
[TestFixture]
public sealed class SiteUrlTests : SiteFixture
{
    private const string Link = "<a href=\"https://www.example.com/shop\" class=\"view-site\">View site</a>";

    protected override AdminSiteFactory CreateSite() => new(new Dictionary<string, string?> { ["AdminSite:SiteUrl"] = "https://www.example.com/shop" });

    [Test]
    public async Task The_configured_site_is_linked_from_every_admin_page()
    {
        using var admin = await Site.SignedInAdminAsync();

        foreach (var path in new[] { "/admin/", "/admin/auth/user", "/admin/password_change" })
        {
            (await admin.GetHtmlAsync(path)).Should().Contain(Link, path);
        }
    }

    [Test]
    public async Task Without_a_site_url_there_is_no_link()
    {
        await using var plain = new AdminSiteFactory();
        using var admin = await plain.SignedInAdminAsync();

        (await admin.GetHtmlAsync("/admin/")).Should().NotContain("View site");
    }

    [TestCase(null, true)]
    [TestCase("", true)]
    [TestCase("/shop/", true)]
    [TestCase("https://www.example.com/", true)]
    [TestCase("http://intranet.example/", true)]
    [TestCase("javascript:alert(1)", false)]
    [TestCase("//evil.example/", false)]
    [TestCase("/\\evil.example/", false)]
    [TestCase("ftp://files.example/", false)]
    [TestCase("shop", false)]
    public void Only_web_addresses_and_local_paths_are_site_urls(string? url, bool valid) =>
        new AdminSiteOptions { SiteUrl = url }.HasValidSiteUrl().Should().Be(valid);

    [Test]
    public async Task A_site_url_that_is_no_web_address_stops_the_start()
    {
        await using var wrong = new AdminSiteFactory(new Dictionary<string, string?> { ["AdminSite:SiteUrl"] = "javascript:alert(1)" });

        var start = () => wrong.EnsureStarted();

        start.Should().Throw<OptionsValidationException>().WithMessage("*AdminSite:SiteUrl*");
    }
}

using System.Net;
using AdminSite.Observability;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Observability;

/// <summary>The version MinVer stamped into the build, as the footer shows it.</summary>
[TestFixture]
public sealed class SiteVersionTests : SiteFixture
{
    [Test]
    public void The_build_carries_a_SemVer_version_from_git_not_the_SDK_default()
    {
        SiteVersion.Version.Should().MatchRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$").And.NotBe("1.0.0");
        SiteVersion.Commit.Should().MatchRegex("^([0-9a-f]{40})?$", "the SDK appends the commit, when the build knows it");
        SiteVersion.Display.Should().Be(SiteVersion.Commit.Length == 0 ? SiteVersion.Version : $"{SiteVersion.Version}+{SiteVersion.Commit[..12]}");
    }

    [Test]
    public async Task Signed_in_pages_show_the_version_in_the_footer_and_the_login_page_does_not()
    {
        using var admin = await Site.SignedInAdminAsync();
        using var anonymous = Site.CreateSiteClient();

        var dashboard = WebUtility.HtmlDecode(await admin.GetHtmlAsync("/admin/"));
        var login = WebUtility.HtmlDecode(await anonymous.GetHtmlAsync(SiteClient.LoginPath));

        dashboard.Should().Contain($"admin-site {SiteVersion.Display}</p>");
        login.Should().NotContain(SiteVersion.Display);
    }
}

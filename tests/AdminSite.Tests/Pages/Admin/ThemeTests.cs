using System.Net;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin;

/// <summary>The light / dark / auto theme: a form in the header (no JavaScript needed), kept on the account.</summary>
[TestFixture]
public sealed class ThemeTests : SiteFixture
{
    [Test]
    public async Task Pages_follow_the_browser_until_a_theme_is_chosen_and_then_keep_it_everywhere()
    {
        using var client = await SignedInAsNewAsync(new("night.owl"));
        (await client.GetHtmlAsync("/admin/")).Should().Contain("<html lang=\"en\" data-theme=\"auto\">");

        using var choose = await client.PostFormAsync("/admin/theme", new() { ["theme"] = "dark", ["next"] = "/admin/password_change" }, tokenFrom: "/admin/");

        SiteClient.RedirectPath(choose).Should().Be("/admin/password_change");
        (await Site.FindUserAsync("night.owl"))!.Theme.Should().Be(ColorTheme.Dark);
        (await client.GetHtmlAsync("/admin/password_change")).Should().Contain("data-theme=\"dark\"").And.Contain("<option value=\"dark\" selected=\"selected\">Dark</option>");
        using var elsewhere = await Site.SignedInAsync("night.owl");
        (await elsewhere.GetHtmlAsync("/admin/")).Should().Contain("data-theme=\"dark\"", "the choice is stored on the account, not in the browser");
        (await Site.CreateSiteClient().GetHtmlAsync(SiteClient.LoginPath)).Should().Contain("data-theme=\"auto\"");
    }

    [Test]
    public async Task Unknown_themes_are_refused_and_only_local_pages_are_returned_to()
    {
        using var client = await SignedInAsNewAsync(new("tinkerer"));

        using var bogus = await client.PostFormAsync("/admin/theme", new() { ["theme"] = "neon" }, tokenFrom: "/admin/");
        using var offsite = await client.PostFormAsync("/admin/theme", new() { ["theme"] = "light", ["next"] = "https://evil.example/" }, tokenFrom: "/admin/");

        bogus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        SiteClient.RedirectPath(offsite).Should().Be("/admin/");
        (await Site.FindUserAsync("tinkerer"))!.Theme.Should().Be(ColorTheme.Light);
    }

    [Test]
    public async Task The_page_returned_to_may_hold_letters_beyond_ascii()
    {
        using var client = await SignedInAsNewAsync(new("zoe.theme"));

        using var choose = await client.PostFormAsync("/admin/theme", new() { ["theme"] = "dark", ["next"] = "/admin/auth/user?q=Zoë 李" }, tokenFrom: "/admin/");

        SiteClient.RedirectPath(choose).Should().Be("/admin/auth/user?q=Zo%C3%AB%20%E6%9D%8E");
    }

    [Test]
    public async Task Choosing_a_theme_keeps_the_session_and_writes_no_audit_entry()
    {
        var user = await Site.CreateUserAsync(new("quiet.chooser"));
        using var client = await Site.SignedInAsync("quiet.chooser");

        (await client.PostFormAsync("/admin/theme", new() { ["theme"] = "light" }, tokenFrom: "/admin/")).Dispose();

        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Site.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(e => e.ObjectId == user.Id)))).Should().Be(0);
    }
}

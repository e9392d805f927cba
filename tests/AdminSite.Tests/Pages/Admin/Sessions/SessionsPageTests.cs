using System.Net;
using System.Text.RegularExpressions;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin.Sessions;

/// <summary>A user sees where they are signed in and ends any other session; nobody ends someone else's.</summary>
[TestFixture]
public sealed partial class SessionsPageTests : SiteFixture
{
    [Test]
    public async Task A_user_sees_their_sessions_and_ends_another_one()
    {
        await Site.CreateUserAsync(new("many.browsers"));
        using var laptop = await Site.SignedInAsync("many.browsers");
        using var phone = await Site.SignedInAsync("many.browsers");

        var page = await laptop.GetHtmlAsync("/admin/sessions");
        page.Should().Contain("href=\"/admin/sessions\"", "the user links lead here");
        Html.Text(page).Should().Contain("This session").And.Contain("2 sessions");
        var other = EndableIds(page).Should().ContainSingle("only the other session can be ended from here").Subject;

        using var end = await laptop.PostFormAsync("/admin/sessions?handler=End", new() { ["id"] = other }, tokenFrom: "/admin/sessions");

        SiteClient.RedirectPath(end).Should().Be("/admin/sessions");
        var after = await laptop.GetHtmlAsync("/admin/sessions");
        Html.Messages(after).Should().Contain("The session was ended: that browser is signed out on its next request.");
        Html.Text(after).Should().Contain("1 session");
        using var phoneAfter = await phone.GetAsync("/admin/");
        SiteClient.RedirectPath(phoneAfter).Should().StartWith(SiteClient.LoginPath);
        (await laptop.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Nobody_ends_a_session_of_someone_else()
    {
        await Site.CreateUserAsync(new("session.owner"));
        await Site.CreateUserAsync(new("session.thief", Superuser: true));
        using var owner = await Site.SignedInAsync("session.owner");
        using var ownerElsewhere = await Site.SignedInAsync("session.owner");
        var ownersOther = EndableIds(await owner.GetHtmlAsync("/admin/sessions")).Single();
        using var thief = await Site.SignedInAsync("session.thief");

        using var attempt = await thief.PostFormAsync("/admin/sessions?handler=End", new() { ["id"] = ownersOther }, tokenFrom: "/admin/sessions");

        Html.Messages(await thief.GetHtmlAsync("/admin/sessions")).Should().Contain("That session had already ended.");
        (await ownerElsewhere.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Sessions_ended_by_sign_out_everywhere_are_no_longer_listed()
    {
        var user = await Site.CreateUserAsync(new("listed.root", Superuser: true));
        using var here = await Site.SignedInAsync("listed.root");
        using var elsewhere = await Site.SignedInAsync("listed.root");
        var page = $"/admin/auth/user/{user.Id}/change";

        (await here.PostFormAsync($"{page}?handler=SignOutEverywhere", [], tokenFrom: page)).Dispose();

        var sessions = await here.GetHtmlAsync("/admin/sessions");
        EndableIds(sessions).Should().BeEmpty("the other session no longer works, so it is not shown");
        Html.Text(sessions).Should().Contain("This session").And.Contain("1 session");
    }

    [Test]
    public async Task The_current_session_is_not_ended_from_the_list()
    {
        await Site.CreateUserAsync(new("keeps.going"));
        using var client = await Site.SignedInAsync("keeps.going");
        var current = await Site.WithDbAsync(db => Task.FromResult(db.UserSessions.Single(s => s.UserId == db.Users.Single(u => u.UserName == "keeps.going").Id).Id));

        (await client.PostFormAsync("/admin/sessions?handler=End", new() { ["id"] = current }, tokenFrom: "/admin/sessions")).Dispose();

        Html.Messages(await client.GetHtmlAsync("/admin/sessions")).Should().Contain("This is the session you are using: log out to end it.");
    }

    private static List<string> EndableIds(string html) => EndForm().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<input type=\"hidden\" name=\"id\" value=\"([0-9a-f]{32})\">")]
    private static partial Regex EndForm();
}

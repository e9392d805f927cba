using System.Net;
using AdminSite.Authorization;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Authorization;

/// <summary>
/// Each change that should end a user's sessions does so on their very next request (the security stamp is
/// checked on every request), while the session that made the change carries on.
/// </summary>
[TestFixture]
public sealed class InstantRevokeTests : SiteFixture
{
    [Test]
    public async Task An_administrator_setting_the_password_signs_the_user_out()
    {
        var user = await Site.CreateUserAsync(new("reset.me"));
        using var victim = await SignedInAndWorkingAsync("reset.me");
        using var admin = await Site.SignedInAdminAsync();

        using var change = await admin.PostFormAsync($"/admin/auth/user/{user.Id}/password", new()
        {
            ["Input.Password1"] = "Brand-New-Phrase-7",
            ["Input.Password2"] = "Brand-New-Phrase-7",
        });

        change.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeSignedOutAsync(victim);
        (await admin.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Deactivating_on_the_user_form_signs_the_user_out()
    {
        var user = await Site.CreateUserAsync(new("deactivate.me"));
        using var victim = await SignedInAndWorkingAsync("deactivate.me");
        using var admin = await Site.SignedInAdminAsync();

        (await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", Form("deactivate.me", active: false))).Dispose();

        await ShouldBeSignedOutAsync(victim);
    }

    [Test]
    public async Task Changing_the_groups_signs_the_user_out()
    {
        var user = await Site.CreateUserAsync(new("regroup.me"));
        var group = await Site.CreateGroupAsync("revoke-viewers", Permissions.ViewUser);
        using var victim = await SignedInAndWorkingAsync("regroup.me");
        using var admin = await Site.SignedInAdminAsync();

        (await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", Form("regroup.me", groups: [group.Id]))).Dispose();

        await ShouldBeSignedOutAsync(victim);
    }

    [Test]
    public async Task Changing_the_user_permissions_signs_the_user_out()
    {
        var user = await Site.CreateUserAsync(new("repermit.me", Permissions: [Permissions.ViewGroup]));
        using var victim = await SignedInAndWorkingAsync("repermit.me");
        using var admin = await Site.SignedInAdminAsync();

        (await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", Form("repermit.me"))).Dispose();

        await ShouldBeSignedOutAsync(victim);
    }

    [Test]
    public async Task Editing_only_a_name_leaves_the_sessions_alone()
    {
        var user = await Site.CreateUserAsync(new("rename.me"));
        using var session = await SignedInAndWorkingAsync("rename.me");
        using var admin = await Site.SignedInAdminAsync();

        (await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", Form("rename.me", firstName: "Renata"))).Dispose();

        (await Site.FindUserAsync("rename.me"))!.FirstName.Should().Be("Renata");
        (await session.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "a name is not a privilege");
    }

    [Test]
    public async Task Changing_a_group_permissions_signs_its_members_out_and_no_one_else()
    {
        var group = await Site.CreateGroupAsync("revoke-editors", Permissions.ViewUser);
        await Site.CreateUserAsync(new("member.one", Groups: ["revoke-editors"]));
        await Site.CreateUserAsync(new("outsider"));
        using var member = await SignedInAndWorkingAsync("member.one");
        using var outsider = await SignedInAndWorkingAsync("outsider");
        using var admin = await Site.SignedInAdminAsync();

        using var change = await admin.PostFormAsync($"/admin/auth/group/{group.Id}/change", new() { ["Input.Name"] = "revoke-editors" });

        change.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeSignedOutAsync(member);
        (await outsider.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_member_changing_their_own_group_keeps_their_session()
    {
        var group = await Site.CreateGroupAsync("self-editors", Permissions.ViewGroup, Permissions.ChangeGroup);
        await Site.CreateUserAsync(new("self.editor", Groups: ["self-editors"]));
        using var self = await SignedInAndWorkingAsync("self.editor");
        using var other = await Site.SignedInAsync("self.editor");

        using var change = await self.PostFormAsync($"/admin/auth/group/{group.Id}/change", new()
        {
            ["Input.Name"] = "self-editors",
            ["Input.Permissions"] = Permissions.ChangeGroup,
        });

        change.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await self.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "the session that made the change carries on");
        await ShouldBeSignedOutAsync(other);
    }

    [Test]
    public async Task Deleting_a_group_signs_its_members_out()
    {
        var group = await Site.CreateGroupAsync("doomed-group", Permissions.ViewUser);
        await Site.CreateUserAsync(new("doomed.member", Groups: ["doomed-group"]));
        using var member = await SignedInAndWorkingAsync("doomed.member");
        using var admin = await Site.SignedInAdminAsync();

        (await admin.PostFormAsync($"/admin/auth/group/{group.Id}/delete", new() { ["post"] = "yes" })).Dispose();

        await ShouldBeSignedOutAsync(member);
    }

    [Test]
    public async Task Sign_out_everywhere_ends_every_session_of_the_user_and_is_audited()
    {
        var user = await Site.CreateUserAsync(new("everywhere"));
        using var laptop = await SignedInAndWorkingAsync("everywhere");
        using var phone = await SignedInAndWorkingAsync("everywhere");
        using var admin = await Site.SignedInAdminAsync();
        var page = $"/admin/auth/user/{user.Id}/change";
        (await admin.GetHtmlAsync(page)).Should().Contain("Sign out everywhere");

        using var signOut = await admin.PostFormAsync($"{page}?handler=SignOutEverywhere", [], tokenFrom: page);

        SiteClient.RedirectPath(signOut).Should().Be(page);
        Html.Messages(await admin.GetHtmlAsync(page)).Should().Contain("The user “everywhere” was signed out of every session.");
        await ShouldBeSignedOutAsync(laptop);
        await ShouldBeSignedOutAsync(phone);
        await Site.CreateSiteClient().LogInAsync("everywhere", TestData.Password);
        var entry = await Site.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync(e => e.ObjectId == user.Id));
        (entry.ActorUserName, entry.Message).Should().Be((AdminSiteFactory.AdminUserName, "Signed out everywhere."));
    }

    [Test]
    public async Task Signing_yourself_out_everywhere_keeps_the_current_session()
    {
        var me = await Site.CreateUserAsync(new("careful.root", Superuser: true));
        using var here = await SignedInAndWorkingAsync("careful.root");
        using var elsewhere = await SignedInAndWorkingAsync("careful.root");
        var page = $"/admin/auth/user/{me.Id}/change";

        (await here.PostFormAsync($"{page}?handler=SignOutEverywhere", [], tokenFrom: page)).Dispose();

        (await here.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeSignedOutAsync(elsewhere);
    }

    [Test]
    public async Task Only_superusers_can_sign_others_out_everywhere()
    {
        var user = await Site.CreateUserAsync(new("not.yours"));
        await Site.CreateUserAsync(new("manager", Permissions: [Permissions.ViewUser, Permissions.ChangeUser]));
        using var victim = await SignedInAndWorkingAsync("not.yours");
        using var manager = await Site.SignedInAsync("manager");
        var page = $"/admin/auth/user/{user.Id}/change";

        (await manager.GetHtmlAsync(page)).Should().NotContain("Sign out everywhere");
        using var attempt = await manager.PostFormAsync($"{page}?handler=SignOutEverywhere", [], tokenFrom: page);

        await SiteClient.ShouldBeDeniedAsync(attempt);
        (await victim.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Enrolling_two_factor_signs_out_the_other_sessions()
    {
        await Site.CreateUserAsync(new("enrol.elsewhere"));
        using var enrolling = await SignedInAndWorkingAsync("enrol.elsewhere");
        using var older = await SignedInAndWorkingAsync("enrol.elsewhere");
        var key = Authenticator.KeyFrom(await enrolling.GetHtmlAsync("/admin/two_factor/setup"));

        (await enrolling.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.Code(key) })).Dispose();

        (await enrolling.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeSignedOutAsync(older);
    }

    private async Task<SiteClient> SignedInAndWorkingAsync(string userName)
    {
        var client = await Site.SignedInAsync(userName);
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, $"{userName} starts signed in");
        return client;
    }

    private static async Task ShouldBeSignedOutAsync(SiteClient client)
    {
        using var response = await client.GetAsync("/admin/");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the session must end on its next request");
        SiteClient.RedirectPath(response).Should().StartWith(SiteClient.LoginPath);
    }

    private static Dictionary<string, string> Form(string userName, bool active = true, string? firstName = null, string[]? groups = null)
    {
        var form = new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.IsStaff"] = "true" };
        if (active)
        {
            form["Input.IsActive"] = "true";
        }

        if (firstName is not null)
        {
            form["Input.FirstName"] = firstName;
        }

        foreach (var group in groups ?? [])
        {
            form["Input.Groups"] = group;
        }

        return form;
    }
}

using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>"Activate / Deactivate selected users": offered with change permission, confirmed like delete, audited.</summary>
[TestFixture]
public sealed class BulkActivationTests : SiteFixture
{
    [Test]
    public async Task Deactivating_asks_for_confirmation_then_changes_and_audits_each_user()
    {
        var first = await Site.CreateUserAsync(new("bulk.one"));
        var second = await Site.CreateUserAsync(new("bulk.two"));
        var already = await Site.CreateUserAsync(new("bulk.idle", Active: false));
        using var admin = await Site.SignedInAdminAsync();
        (await admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("Deactivate selected users").And.Contain("Activate selected users");

        using var action = await admin.PostFormAsync("/admin/auth/user", new() { ["action"] = "deactivate_selected" },
            extra: [new("_selected_action", first.Id), new("_selected_action", second.Id), new("_selected_action", already.Id)]);
        var confirm = SiteClient.RedirectPath(action);
        confirm.Should().StartWith("/admin/auth/user/deactivate_selected?");
        var page = Html.Text(await admin.GetHtmlAsync(confirm));
        page.Should().Contain("Are you sure you want to deactivate the selected users?").And.Contain(">bulk.idle</a> (already inactive)");
        (await Site.FindUserAsync("bulk.one"))!.IsActive.Should().BeTrue("nothing changes before the confirmation");

        using var done = await admin.PostFormAsync("/admin/auth/user/deactivate_selected", [], tokenFrom: confirm,
            extra: [new("ids", first.Id), new("ids", second.Id), new("ids", already.Id)]);

        SiteClient.RedirectPath(done).Should().Be("/admin/auth/user");
        Html.Messages(await admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("Successfully deactivated 2 users.");
        (await Site.FindUserAsync("bulk.one"))!.IsActive.Should().BeFalse();
        (await Site.FindUserAsync("bulk.two"))!.IsActive.Should().BeFalse();
        var entries = await Site.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.ObjectId == first.Id || e.ObjectId == second.Id || e.ObjectId == already.Id).ToListAsync());
        entries.Should().HaveCount(2).And.OnlyContain(e => e.ActorUserName == "admin" && e.ChangedFields == "[\"Active\"]");
    }

    [Test]
    public async Task Activating_brings_users_back_and_deactivation_signed_them_out()
    {
        var user = await Site.CreateUserAsync(new("comeback"));
        using var session = await Site.SignedInAsync("comeback");
        using var admin = await Site.SignedInAdminAsync();

        (await admin.PostFormAsync("/admin/auth/user/deactivate_selected", new() { ["ids"] = user.Id }, tokenFrom: "/admin/auth/user")).Dispose();
        SiteClient.RedirectPath(await session.GetAsync("/admin/")).Should().StartWith(SiteClient.LoginPath);
        using var activate = await admin.PostFormAsync("/admin/auth/user/activate_selected", new() { ["ids"] = user.Id }, tokenFrom: "/admin/auth/user");

        Html.Messages(await admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("Successfully activated 1 user.");
        SiteClient.RedirectPath(await session.GetAsync("/admin/")).Should().StartWith(SiteClient.LoginPath, "the old session stays dead after reactivation");
        await Site.CreateSiteClient().LogInAsync("comeback", TestData.Password);
    }

    [Test]
    public async Task Nobody_deactivates_themselves()
    {
        var me = await Site.CreateUserAsync(new("self.deactivator", Superuser: true));
        using var client = await Site.SignedInAsync("self.deactivator");

        using var post = await client.PostFormAsync("/admin/auth/user/deactivate_selected", new() { ["ids"] = me.Id }, tokenFrom: "/admin/auth/user");

        Html.Messages(await client.GetHtmlAsync("/admin/auth/user")).Should().ContainMatch("You cannot deactivate your own account*No users were changed.");
        (await Site.FindUserAsync("self.deactivator"))!.IsActive.Should().BeTrue();
    }

    [Test]
    public async Task The_actions_need_change_permission()
    {
        var target = await Site.CreateUserAsync(new("untouched"));
        using var viewer = await SignedInAsNewAsync(new("only.viewer", Permissions: ["auth.view_user"]));

        (await viewer.GetHtmlAsync("/admin/auth/user")).Should().NotContain("Deactivate selected users").And.NotContain("action-select");
        using var action = await viewer.PostFormAsync("/admin/auth/user", new() { ["action"] = "deactivate_selected", ["_selected_action"] = target.Id });
        using var direct = await viewer.PostFormAsync("/admin/auth/user/deactivate_selected", new() { ["ids"] = target.Id }, tokenFrom: "/admin/auth/user");

        await SiteClient.ShouldBeDeniedAsync(action);
        await SiteClient.ShouldBeDeniedAsync(direct);
        (await Site.FindUserAsync("untouched"))!.IsActive.Should().BeTrue();
    }
}

using System.Net;
using AdminSite.Authorization;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.Groups;

[TestFixture]
public sealed class GroupTests : AdminClientFixture
{
    [Test]
    public async Task A_group_is_added_with_permissions_and_its_members_get_them()
    {
        using var add = await Admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "Helpdesk", ["_continue"] = "x" },
            extra: [new("Input.Permissions", Permissions.ViewUser), new("Input.Permissions", Permissions.ChangeUser)]);

        var group = await Site.WithDbAsync(db => db.Roles.SingleAsync(g => g.Name == "Helpdesk"));
        SiteClient.RedirectPath(add).Should().Be($"/admin/auth/group/{group.Id}/change");
        var form = await Admin.GetHtmlAsync(SiteClient.RedirectPath(add));
        form.Should().Contain($"<option value=\"{Permissions.ViewUser}\" selected=\"selected\">auth | user | Can view user</option>");
        form.Should().Contain($"<option value=\"{Permissions.DeleteUser}\">auth | user | Can delete user</option>");

        using var helper = await SignedInAsNewAsync(new("helper", Groups: ["Helpdesk"]));
        (await helper.GetAsync("/admin/auth/user")).StatusCode.Should().Be(HttpStatusCode.OK);
        await SiteClient.ShouldBeDeniedAsync(await helper.GetAsync("/admin/auth/user/add"));
    }

    [Test]
    public async Task Group_names_are_unique_and_required()
    {
        await Site.CreateGroupAsync("Unique");

        using var duplicate = await Admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "unique" });
        using var empty = await Admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "" });

        Html.Text(await duplicate.Content.ReadAsStringAsync()).Should().Contain("Group with this Name already exists.");
        Html.Text(await empty.Content.ReadAsStringAsync()).Should().Contain("This field is required.");
    }

    [Test]
    public async Task The_group_list_searches_sorts_and_bulk_deletes()
    {
        foreach (var name in new[] { "team-alpha", "team-beta", "team-gamma", "other" })
        {
            await Site.CreateGroupAsync(name);
        }

        var found = await Admin.GetHtmlAsync("/admin/auth/group?q=TEAM&o=-1");
        Html.ChangeListNames(found, "name").Should().Equal("team-gamma", "team-beta", "team-alpha");

        var ids = await Site.WithDbAsync(db => db.Roles.Where(g => g.Name!.StartsWith("team-")).Select(g => g.Id).ToListAsync());
        using var action = await Admin.PostFormAsync("/admin/auth/group", new() { ["action"] = "delete_selected" },
            extra: ids.Select(id => new KeyValuePair<string, string>("_selected_action", id)));
        var confirmUrl = SiteClient.RedirectPath(action);
        Html.Text(await Admin.GetHtmlAsync(confirmUrl)).Should().Contain("Groups: 3");
        using var done = await Admin.PostFormAsync("/admin/auth/group/delete_selected", new() { ["post"] = "yes" },
            tokenFrom: confirmUrl, extra: ids.Select(id => new KeyValuePair<string, string>("ids", id)));

        SiteClient.RedirectPath(done).Should().Be("/admin/auth/group");
        (await Site.WithDbAsync(db => db.Roles.CountAsync(g => g.Name!.StartsWith("team-")))).Should().Be(0);
        (await Site.WithDbAsync(db => db.Roles.CountAsync(g => g.Name == "other"))).Should().Be(1);
    }

    [Test]
    public async Task Deleting_a_group_keeps_its_members()
    {
        var group = await Site.CreateGroupAsync("Temporary", Permissions.ViewGroup);
        await Site.CreateUserAsync(new("member", Groups: ["Temporary"], Password: null));

        Html.Text(await Admin.GetHtmlAsync($"/admin/auth/group/{group.Id}/delete")).Should().Contain("User-group relationships: 1");
        using var delete = await Admin.PostFormAsync($"/admin/auth/group/{group.Id}/delete", new() { ["post"] = "yes" });

        (await Site.FindUserAsync("member")).Should().NotBeNull();
        (await Site.WithDbAsync(db => db.RoleClaims.CountAsync(c => c.RoleId == group.Id))).Should().Be(0);
    }

    [Test]
    public async Task A_view_only_group_user_sees_a_read_only_form()
    {
        var group = await Site.CreateGroupAsync("Readable", Permissions.AddUser);
        using var viewer = await SignedInAsNewAsync(new("groupviewer", Permissions: [Permissions.ViewGroup]));

        var html = await viewer.GetHtmlAsync($"/admin/auth/group/{group.Id}/change");

        html.Should().Contain("View group").And.Contain("auth | user | Can add user").And.NotContain("name=\"_save\"").And.NotContain("<select multiple");
        using var post = await viewer.PostFormAsync($"/admin/auth/group/{group.Id}/change", new() { ["Input.Name"] = "Renamed" });
        await SiteClient.ShouldBeDeniedAsync(post);
    }
}

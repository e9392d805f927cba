using System.Net;
using AdminSite.Authorization;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Authorization;

/// <summary>
/// "Change user" must not be a way to become more than you are: every path by which a staff member could grant
/// themselves (or anyone) a permission they lack, or reach a superuser account, is refused and changes nothing.
/// </summary>
[TestFixture]
public sealed class PrivilegeGuardTests : SiteFixture
{
    private string _powerfulGroupId = null!;
    private string _modestGroupId = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _powerfulGroupId = (await Site.CreateGroupAsync("powerful", Permissions.DeleteUser, Permissions.ViewUser)).Id;
        _modestGroupId = (await Site.CreateGroupAsync("modest", Permissions.ViewUser)).Id;
    }

    [Test]
    public async Task A_user_manager_cannot_make_themselves_superuser()
    {
        var me = await ManagerAsync("climber");
        using var client = await Site.SignedInAsync("climber");

        (await client.GetHtmlAsync(Change(me))).Should().NotContain("name=\"Input.IsSuperuser\"", "the flag is shown read-only");
        using var post = await client.PostFormAsync(Change(me), Form("climber", superuser: true));

        post.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await post.Content.ReadAsStringAsync()).Should().Contain(PrivilegeGuard.SuperuserStatusMessage);
        (await Site.FindUserAsync("climber"))!.IsSuperuser.Should().BeFalse();
    }

    [Test]
    public async Task A_user_manager_cannot_make_someone_else_superuser_either()
    {
        await ManagerAsync("kingmaker");
        var friend = await Site.CreateUserAsync(new("friend"));
        using var client = await Site.SignedInAsync("kingmaker");

        using var post = await client.PostFormAsync(Change(friend), Form("friend", superuser: true));

        Html.Text(await post.Content.ReadAsStringAsync()).Should().Contain(PrivilegeGuard.SuperuserStatusMessage);
        (await Site.FindUserAsync("friend"))!.IsSuperuser.Should().BeFalse();
    }

    [Test]
    public async Task A_user_manager_cannot_grant_themselves_a_permission_they_lack()
    {
        var me = await ManagerAsync("greedy");
        using var client = await Site.SignedInAsync("greedy");

        using var post = await client.PostFormAsync(Change(me), Form("greedy"),
            extra: [new("Input.UserPermissions", Permissions.ViewUser), new("Input.UserPermissions", Permissions.ChangeUser), new("Input.UserPermissions", Permissions.DeleteUser)]);

        Html.Text(await post.Content.ReadAsStringAsync()).Should().Contain("You cannot grant permissions you do not have yourself: auth | user | Can delete user.");
        (await PermissionsOfAsync("greedy")).Should().BeEquivalentTo([Permissions.ViewUser, Permissions.ChangeUser]);
    }

    [Test]
    public async Task A_user_manager_cannot_join_a_group_that_grants_more()
    {
        var me = await ManagerAsync("joiner");
        using var client = await Site.SignedInAsync("joiner");

        using var post = await client.PostFormAsync(Change(me), Form("joiner", groups: [_powerfulGroupId]), extra: OwnPermissions);

        Html.Text(await post.Content.ReadAsStringAsync()).Should().Contain("auth | user | Can delete user").And.Contain("through the groups chosen");
        (await GroupsOfAsync("joiner")).Should().BeEmpty();
    }

    [Test]
    public async Task A_user_manager_can_grant_what_they_hold()
    {
        await ManagerAsync("fair");
        var colleague = await Site.CreateUserAsync(new("colleague"));
        using var client = await Site.SignedInAsync("fair");

        using var post = await client.PostFormAsync(Change(colleague), Form("colleague", groups: [_modestGroupId]),
            extra: [new("Input.UserPermissions", Permissions.ChangeUser)]);

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await GroupsOfAsync("colleague")).Should().Equal("modest");
        (await PermissionsOfAsync("colleague")).Should().Equal(Permissions.ChangeUser);
    }

    [Test]
    public async Task Nobody_but_a_superuser_may_change_a_superuser_set_their_password_or_delete_them()
    {
        await ManagerAsync("underling", Permissions.DeleteUser);
        var root = await Site.CreateUserAsync(new("the.root", Superuser: true));
        using var client = await Site.SignedInAsync("underling");

        var page = await client.GetHtmlAsync(Change(root));
        page.Should().Contain("Only superusers can change the superuser “the.root”").And.NotContain("name=\"_save\"");
        using var edit = await client.PostFormAsync(Change(root), Form("the.root", superuser: false, firstName: "Owned"));
        using var password = await client.PostFormAsync($"/admin/auth/user/{root.Id}/password",
            new() { ["Input.Password1"] = "Took-It-Over-99", ["Input.Password2"] = "Took-It-Over-99" }, tokenFrom: Change(root));
        using var passwordPage = await client.GetAsync($"/admin/auth/user/{root.Id}/password");
        using var delete = await client.PostFormAsync($"/admin/auth/user/{root.Id}/delete", new() { ["post"] = "yes" }, tokenFrom: Change(root));

        edit.StatusCode.Should().Be(HttpStatusCode.OK);
        SiteClient.RedirectPath(password).Should().Be(Change(root));
        SiteClient.RedirectPath(passwordPage).Should().Be(Change(root));
        SiteClient.RedirectPath(delete).Should().Be(Change(root));
        var after = (await Site.FindUserAsync("the.root"))!;
        (after.IsSuperuser, after.FirstName).Should().Be((true, ""));
        await Site.CreateSiteClient().LogInAsync("the.root", TestData.Password);
    }

    [Test]
    public async Task Nobody_changes_a_user_holding_permissions_they_lack()
    {
        await ManagerAsync("junior");
        var senior = await Site.CreateUserAsync(new("senior", Groups: ["powerful"]));
        using var client = await Site.SignedInAsync("junior");

        using var edit = await client.PostFormAsync(Change(senior), Form("senior", firstName: "Changed"));
        using var password = await client.PostFormAsync($"/admin/auth/user/{senior.Id}/password",
            new() { ["Input.Password1"] = "Took-It-Over-99", ["Input.Password2"] = "Took-It-Over-99" }, tokenFrom: Change(senior));

        Html.Text(await edit.Content.ReadAsStringAsync()).Should().Contain("You cannot change “senior”: they have permissions you do not have (auth | user | Can delete user).");
        SiteClient.RedirectPath(password).Should().Be(Change(senior));
        (await Site.FindUserAsync("senior"))!.FirstName.Should().BeEmpty();
        await Site.CreateSiteClient().LogInAsync("senior", TestData.Password);
    }

    [Test]
    public async Task Bulk_activate_and_deactivate_refuse_users_beyond_the_actor_and_change_none()
    {
        await ManagerAsync("bulk.junior");
        var peer = await Site.CreateUserAsync(new("bulk.peer", Active: false));
        var boss = await Site.CreateUserAsync(new("bulk.boss", Superuser: true, Active: false));
        using var client = await Site.SignedInAsync("bulk.junior");

        foreach (var action in new[] { "activate_selected", "deactivate_selected" })
        {
            using var confirm = await client.GetAsync($"/admin/auth/user/{action}?ids={peer.Id}&ids={boss.Id}");
            SiteClient.RedirectPath(confirm).Should().Be("/admin/auth/user");
            using var post = await client.PostFormAsync($"/admin/auth/user/{action}", [], tokenFrom: "/admin/auth/user",
                extra: [new("ids", peer.Id), new("ids", boss.Id)]);
            SiteClient.RedirectPath(post).Should().Be("/admin/auth/user");
            Html.Messages(await client.GetHtmlAsync("/admin/auth/user")).Should().ContainMatch("Only superusers can change the superuser “bulk.boss”.*No users were changed.");
        }

        (await Site.FindUserAsync("bulk.peer"))!.IsActive.Should().BeFalse("all or nothing");
        (await Site.FindUserAsync("bulk.boss"))!.IsActive.Should().BeFalse();
    }

    [Test]
    public async Task A_group_editor_cannot_add_a_permission_they_lack_to_any_group_even_their_own()
    {
        await Site.CreateGroupAsync("editors-of-groups", Permissions.ViewGroup, Permissions.ChangeGroup, Permissions.AddGroup);
        var own = await Site.WithDbAsync(db => db.Roles.SingleAsync(g => g.Name == "editors-of-groups"));
        using var client = await SignedInAsNewAsync(new("group.editor", Groups: ["editors-of-groups"]));

        using var change = await client.PostFormAsync($"/admin/auth/group/{own.Id}/change", new() { ["Input.Name"] = "editors-of-groups" },
            extra: [new("Input.Permissions", Permissions.ViewGroup), new("Input.Permissions", Permissions.ChangeGroup), new("Input.Permissions", Permissions.AddGroup),
                new("Input.Permissions", Permissions.DeleteUser)]);
        using var add = await client.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "backdoor", ["Input.Permissions"] = Permissions.ChangeUser });

        Html.Text(await change.Content.ReadAsStringAsync()).Should().Contain("You cannot grant permissions you do not have yourself: auth | user | Can delete user.");
        Html.Text(await add.Content.ReadAsStringAsync()).Should().Contain("auth | user | Can change user");
        (await Site.WithDbAsync(db => db.RoleClaims.CountAsync(c => c.RoleId == own.Id))).Should().Be(3);
        (await Site.WithDbAsync(db => db.Roles.AnyAsync(g => g.Name == "backdoor"))).Should().BeFalse();
    }

    [Test]
    public async Task A_group_editor_may_add_what_they_hold_and_remove_anything()
    {
        var group = await Site.CreateGroupAsync("reshaped", Permissions.DeleteGroup);
        using var client = await SignedInAsNewAsync(new("reshaper", Permissions: [Permissions.ViewGroup, Permissions.ChangeGroup]));

        using var change = await client.PostFormAsync($"/admin/auth/group/{group.Id}/change", new() { ["Input.Name"] = "reshaped", ["Input.Permissions"] = Permissions.ViewGroup });

        change.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Site.WithDbAsync(db => db.RoleClaims.Where(c => c.RoleId == group.Id).Select(c => c.ClaimValue).ToListAsync())).Should().Equal(Permissions.ViewGroup);
    }

    [Test]
    public async Task The_add_form_creates_no_superuser_whatever_is_posted()
    {
        using var client = await SignedInAsNewAsync(new("creator", Permissions: [Permissions.AddUser]));

        using var add = await client.PostFormAsync("/admin/auth/user/add", new()
        {
            ["Input.UserName"] = "sneaky.root",
            ["Input.Password1"] = "Quite-Unusual-99",
            ["Input.Password2"] = "Quite-Unusual-99",
            ["Input.IsSuperuser"] = "true",
            ["IsSuperuser"] = "true",
        });

        add.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var created = (await Site.FindUserAsync("sneaky.root"))!;
        (created.IsSuperuser, created.IsStaff).Should().Be((false, false));
    }

    [Test]
    public async Task A_superuser_may_grant_and_revoke_anything()
    {
        var target = await Site.CreateUserAsync(new("promotable"));
        using var root = await Site.SignedInAdminAsync();

        using var post = await root.PostFormAsync(Change(target), Form("promotable", superuser: true, groups: [_powerfulGroupId]),
            extra: [new("Input.UserPermissions", Permissions.DeleteGroup)]);

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Site.FindUserAsync("promotable"))!.IsSuperuser.Should().BeTrue();
        (await GroupsOfAsync("promotable")).Should().Equal("powerful");
    }

    private static readonly KeyValuePair<string, string>[] OwnPermissions =
        [new("Input.UserPermissions", Permissions.ViewUser), new("Input.UserPermissions", Permissions.ChangeUser)];

    private async Task<AdminSite.Identity.AdminUser> ManagerAsync(string userName, params string[] more) =>
        await Site.CreateUserAsync(new(userName, Permissions: [Permissions.ViewUser, Permissions.ChangeUser, .. more]));

    private static string Change(AdminSite.Identity.AdminUser user) => $"/admin/auth/user/{user.Id}/change";

    private static Dictionary<string, string> Form(string userName, bool? superuser = null, string? firstName = null, string[]? groups = null)
    {
        var form = new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.IsActive"] = "true", ["Input.IsStaff"] = "true" };
        if (superuser is { } flag)
        {
            form["Input.IsSuperuser"] = flag ? "true" : "false";
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

    private Task<List<string>> PermissionsOfAsync(string userName) => Site.WithDbAsync(db => db.UserClaims
        .Where(c => db.Users.Any(u => u.Id == c.UserId && u.UserName == userName)).Select(c => c.ClaimValue!).ToListAsync());

    private Task<List<string>> GroupsOfAsync(string userName) => Site.WithDbAsync(db => db.UserRoles
        .Where(ur => db.Users.Any(u => u.Id == ur.UserId && u.UserName == userName))
        .Select(ur => db.Roles.Single(g => g.Id == ur.RoleId).Name!).ToListAsync());
}

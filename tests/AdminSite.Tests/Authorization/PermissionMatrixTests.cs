using System.Net;
using AdminSite.Authorization;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Authorization;

/// <summary>Who may do what: Django's view / change / add / delete permissions, granted directly or through a group.</summary>
[TestFixture]
public sealed class PermissionMatrixTests : SiteFixture
{
    private string _targetId = null!;
    private string _groupId = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _targetId = (await Site.CreateUserAsync(new("target", Staff: false, FirstName: "Tess"))).Id;
        _groupId = (await Site.CreateGroupAsync("support", Permissions.ViewGroup)).Id;
        await Site.CreateGroupAsync("user-editors", Permissions.ViewUser, Permissions.ChangeUser);
        await Site.CreateUserAsync(new("nobody"));
        await Site.CreateUserAsync(new("viewer", Permissions: [Permissions.ViewUser]));
        await Site.CreateUserAsync(new("changer", Groups: ["user-editors"]));
        await Site.CreateUserAsync(new("adder", Permissions: [Permissions.AddUser]));
        await Site.CreateUserAsync(new("deleter", Permissions: [Permissions.ViewUser, Permissions.DeleteUser]));
        await Site.CreateUserAsync(new("root", Superuser: true));
    }

    private string UserUrl(string page) => $"/admin/auth/user/{_targetId}/{page}";

    // Expected GET outcome per user: 200 = allowed, 403 = refused in place (Django's answer).
    [TestCase("nobody", "/admin/", 200)]
    [TestCase("nobody", "/admin/password_change", 200)]
    [TestCase("nobody", "/admin/auth/user", 403)]
    [TestCase("nobody", "/admin/auth/group", 403)]
    [TestCase("viewer", "/admin/auth/user", 200)]
    [TestCase("viewer", "change", 200)]
    [TestCase("viewer", "history", 200)]
    [TestCase("viewer", "password", 403)]
    [TestCase("viewer", "delete", 403)]
    [TestCase("viewer", "/admin/auth/user/add", 403)]
    [TestCase("viewer", "/admin/auth/group", 403)]
    [TestCase("changer", "/admin/auth/user", 200)]
    [TestCase("changer", "change", 200)]
    [TestCase("changer", "password", 200)]
    [TestCase("changer", "delete", 403)]
    [TestCase("changer", "/admin/auth/user/add", 403)]
    [TestCase("adder", "/admin/auth/user/add", 200)]
    [TestCase("adder", "/admin/auth/user", 403)]
    [TestCase("deleter", "delete", 200)]
    [TestCase("deleter", "password", 403)]
    [TestCase("root", "/admin/auth/user", 200)]
    [TestCase("root", "/admin/auth/user/add", 200)]
    [TestCase("root", "password", 200)]
    [TestCase("root", "delete", 200)]
    [TestCase("root", "/admin/auth/group/add", 200)]
    public async Task Each_page_is_allowed_only_with_its_permission(string userName, string page, int expected)
    {
        using var client = await Site.SignedInAsync(userName);
        var url = page.StartsWith('/') ? page : UserUrl(page);

        using var response = await client.GetAsync(url);

        ((int)response.StatusCode).Should().Be(expected, $"{userName} GET {url}");
        if (expected == 403)
        {
            await SiteClient.ShouldBeDeniedAsync(response);
        }
    }

    [Test]
    public async Task A_view_only_user_gets_a_read_only_form_and_cannot_save()
    {
        using var client = await Site.SignedInAsync("viewer");

        var html = await client.GetHtmlAsync(UserUrl("change"));
        html.Should().Contain("View user").And.Contain("<div class=\"readonly\">target</div>");
        html.Should().NotContain("name=\"_save\"").And.NotContain("name=\"Input.UserName\"");

        using var post = await client.PostFormAsync(UserUrl("change"), new() { ["Input.UserName"] = "hijacked", ["Input.FirstName"] = "Mallory" });
        await SiteClient.ShouldBeDeniedAsync(post);
        (await Site.FindUserAsync("hijacked")).Should().BeNull();
        (await Site.FindUserAsync("target"))!.FirstName.Should().NotBe("Mallory");
    }

    [Test]
    public async Task A_user_with_change_permission_from_a_group_can_save_but_not_bulk_delete()
    {
        using var client = await Site.SignedInAsync("changer");

        using var save = await client.PostFormAsync(UserUrl("change"), new()
        {
            ["Input.UserName"] = "target",
            ["Input.FirstName"] = "Tessa",
            ["Input.IsActive"] = "true",
        });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Site.FindUserAsync("target"))!.FirstName.Should().Be("Tessa");

        var list = await client.GetHtmlAsync("/admin/auth/user");
        list.Should().NotContain("Delete selected users", "the action is offered only with delete permission");
        using var bulk = await client.PostFormAsync("/admin/auth/user", new() { ["action"] = "delete_selected", ["_selected_action"] = _targetId });
        await SiteClient.ShouldBeDeniedAsync(bulk);
        using var confirm = await client.GetAsync($"/admin/auth/user/delete_selected?ids={_targetId}");
        await SiteClient.ShouldBeDeniedAsync(confirm);
    }

    [Test]
    public async Task The_dashboard_lists_only_what_the_user_may_see()
    {
        using var viewer = await Site.SignedInAsync("viewer");
        using var nobody = await Site.SignedInAsync("nobody");
        using var root = await Site.SignedInAsync("root");

        var viewerHtml = await viewer.GetHtmlAsync("/admin/");
        viewerHtml.Should().Contain("model-user").And.NotContain("model-group").And.Contain("class=\"viewlink\"").And.NotContain("class=\"addlink\"");
        Html.Text(await nobody.GetHtmlAsync("/admin/")).Should().Contain("You don’t have permission to view or edit anything.");
        var rootHtml = await root.GetHtmlAsync("/admin/");
        rootHtml.Should().Contain("model-user").And.Contain("model-group").And.Contain("/admin/auth/user/add");
    }

    [Test]
    public async Task Granting_a_permission_signs_the_user_out_and_applies_at_the_next_login()
    {
        using var client = await SignedInAsNewAsync(new("promoted"));
        await SiteClient.ShouldBeDeniedAsync(await client.GetAsync("/admin/auth/group"));

        using var root = await Site.SignedInAsync("root");
        var promoted = (await Site.FindUserAsync("promoted"))!;
        using var grant = await root.PostFormAsync($"/admin/auth/user/{promoted.Id}/change", new()
        {
            ["Input.UserName"] = "promoted",
            ["Input.IsActive"] = "true",
            ["Input.IsStaff"] = "true",
            ["Input.Groups"] = _groupId,
        });
        grant.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // A change to what an account may do ends its sessions; the next login has the new permission.
        SiteClient.RedirectPath(await client.GetAsync("/admin/auth/group")).Should().StartWith(SiteClient.LoginPath);
        using var again = await Site.SignedInAsync("promoted");
        (await again.GetAsync("/admin/auth/group")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

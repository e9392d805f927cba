using System.Net;
using AdminSite.Authorization;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>Add, change, set password and delete, as a superuser submits the forms.</summary>
[TestFixture]
public sealed class UserFormTests : AdminClientFixture
{
    [OneTimeSetUp]
    public async Task SeedAsync() => await Site.CreateGroupAsync("editors");

    private Task<HttpResponseMessage> AddAsync(string userName, string password, string? again = null, string button = "_save") =>
        Admin.PostFormAsync("/admin/auth/user/add", new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password1"] = password,
            ["Input.Password2"] = again ?? password,
            [button] = "Save",
        });

    [Test]
    public async Task Adding_a_user_leads_to_its_change_page_with_a_message()
    {
        using var response = await AddAsync("newbie", "Quite-Unusual-99");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var user = await Site.FindUserAsync("newbie");
        user.Should().NotBeNull();
        user!.IsStaff.Should().BeFalse("Django's add form creates a plain, active user");
        user.IsActive.Should().BeTrue();
        SiteClient.RedirectPath(response).Should().Be($"/admin/auth/user/{user.Id}/change");
        Html.Messages(await Admin.GetHtmlAsync(SiteClient.RedirectPath(response))).Should()
            .Contain("The user “newbie” was added successfully. You may edit it again below.");
    }

    [Test]
    public async Task Save_and_add_another_returns_to_an_empty_add_form()
    {
        using var response = await AddAsync("another1", "Quite-Unusual-99", button: "_addanother");

        SiteClient.RedirectPath(response).Should().Be("/admin/auth/user/add");
    }

    [TestCase("weakling", "password", "This password is too common.")]
    [TestCase("weakling", "short1", "This password is too short. It must contain at least 8 characters.")]
    [TestCase("weakling", "8675309123", "This password is entirely numeric.")]
    [TestCase("weakling", "weakling1", "The password is too similar to the username.")]
    [TestCase("bad name!", "Quite-Unusual-99", "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.")]
    [TestCase("admin", "Quite-Unusual-99", "A user with that username already exists.")]
    [TestCase("", "Quite-Unusual-99", "This field is required.")]
    public async Task Invalid_input_is_explained_next_to_the_field(string userName, string password, string error)
    {
        using var response = await AddAsync(userName, password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = Html.Text(await response.Content.ReadAsStringAsync());
        html.Should().Contain(error).And.Contain("Please correct the error");
        (await Site.FindUserAsync("weakling")).Should().BeNull();
    }

    [Test]
    public async Task Mismatched_passwords_are_rejected()
    {
        using var response = await AddAsync("twotypos", "Quite-Unusual-99", "Quite-Unusual-98");

        Html.Text(await response.Content.ReadAsStringAsync()).Should().Contain("The two password fields didn’t match.");
        (await Site.FindUserAsync("twotypos")).Should().BeNull();
    }

    [Test]
    public async Task Changing_a_user_saves_every_section_and_reports_the_changed_fields()
    {
        var user = await Site.CreateUserAsync(new("changeme", Staff: false));
        var groupId = await Site.WithDbAsync(db => db.Roles.Where(g => g.Name == "editors").Select(g => g.Id).SingleAsync());

        using var response = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "changed",
            ["Input.FirstName"] = "Ada",
            ["Input.LastName"] = "Lovelace",
            ["Input.Email"] = "ada@example.com",
            ["Input.IsActive"] = "true",
            ["Input.IsStaff"] = "true",
            ["Input.Groups"] = groupId,
            ["Input.UserPermissions"] = Permissions.ViewGroup,
            ["_save"] = "Save",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SiteClient.RedirectPath(response).Should().Be("/admin/auth/user");
        var saved = (await Site.FindUserAsync("changed"))!;
        (saved.FirstName, saved.LastName, saved.Email, saved.IsStaff, saved.IsSuperuser).Should().Be(("Ada", "Lovelace", "ada@example.com", true, false));
        (await Site.WithDbAsync(db => db.UserRoles.CountAsync(ur => ur.UserId == user.Id && ur.RoleId == groupId))).Should().Be(1);
        (await Site.WithDbAsync(db => db.UserClaims.Where(c => c.UserId == user.Id).Select(c => c.ClaimValue).ToListAsync()))
            .Should().Equal(Permissions.ViewGroup);
        var entry = await Site.WithDbAsync(db => db.AuditEntries.Where(e => e.ObjectId == user.Id).OrderBy(e => e.Id).LastAsync());
        AdminSite.Audit.AuditLog.Describe(entry).Should()
            .Be("Changed Username, First name, Last name, Email address, Staff status, Groups and User permissions.");
        Html.Messages(await Admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("The user “changed” was changed successfully.");
    }

    [Test]
    public async Task Save_and_continue_stays_on_the_form_and_unknown_choices_are_refused()
    {
        var user = await Site.CreateUserAsync(new("continuer"));

        using var bogus = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "continuer",
            ["Input.IsActive"] = "true",
            ["Input.UserPermissions"] = "auth.launch_missiles",
        });
        Html.Text(await bogus.Content.ReadAsStringAsync()).Should().Contain("Select a valid choice.");

        using var saved = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "continuer",
            ["Input.IsActive"] = "true",
            ["Input.Email"] = "not-an-email",
        });
        Html.Text(await saved.Content.ReadAsStringAsync()).Should().Contain("Enter a valid email address.");

        using var kept = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "continuer",
            ["Input.IsActive"] = "true",
            ["_continue"] = "Save and continue editing",
        });
        SiteClient.RedirectPath(kept).Should().Be($"/admin/auth/user/{user.Id}/change");
    }

    [Test]
    public async Task The_admin_sets_a_password_that_then_works()
    {
        var user = await Site.CreateUserAsync(new("resetme"));

        using var mismatch = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/password", new()
        {
            ["Input.Password1"] = "Brand-New-Phrase-1",
            ["Input.Password2"] = "Brand-New-Phrase-2",
        });
        Html.Text(await mismatch.Content.ReadAsStringAsync()).Should().Contain("The two password fields didn’t match.");

        using var response = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/password", new()
        {
            ["Input.Password1"] = "Brand-New-Phrase-1",
            ["Input.Password2"] = "Brand-New-Phrase-1",
        });

        SiteClient.RedirectPath(response).Should().Be($"/admin/auth/user/{user.Id}/change");
        await Site.CreateSiteClient().LogInAsync("resetme", "Brand-New-Phrase-1");
        (await Admin.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "the admin who did it stays signed in");
    }

    [Test]
    public async Task Deleting_a_user_asks_first_then_deletes()
    {
        var user = await Site.CreateUserAsync(new("doomed"));

        Html.Text(await Admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/delete")).Should()
            .Contain("Are you sure you want to delete the user “doomed”?");
        (await Site.FindUserAsync("doomed")).Should().NotBeNull("a GET deletes nothing");

        using var response = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/delete", new() { ["post"] = "yes" });

        SiteClient.RedirectPath(response).Should().Be("/admin/auth/user");
        (await Site.FindUserAsync("doomed")).Should().BeNull();
        Html.Messages(await Admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("The user “doomed” was deleted successfully.");
    }

    [Test]
    public async Task Bulk_delete_lists_what_goes_and_logs_one_entry_per_user()
    {
        var a = await Site.CreateUserAsync(new("bulk-a", Password: null));
        var b = await Site.CreateUserAsync(new("bulk-b", Password: null));
        var keep = await Site.CreateUserAsync(new("bulk-keep", Password: null));

        using var action = await Admin.PostFormAsync("/admin/auth/user?q=bulk", new() { ["action"] = "delete_selected" },
            extra: [new("_selected_action", a.Id), new("_selected_action", b.Id)]);
        var confirmUrl = SiteClient.RedirectPath(action);
        confirmUrl.Should().StartWith("/admin/auth/user/delete_selected?");
        var confirm = Html.Text(await Admin.GetHtmlAsync(confirmUrl));
        confirm.Should().Contain("Users: 2").And.Contain("bulk-a").And.Contain("bulk-b").And.NotContain("bulk-keep");

        using var done = await Admin.PostFormAsync("/admin/auth/user/delete_selected", new() { ["post"] = "yes" },
            tokenFrom: confirmUrl, extra: [new("ids", a.Id), new("ids", b.Id)]);

        SiteClient.RedirectPath(done).Should().Be("/admin/auth/user");
        (await Site.FindUserAsync("bulk-a")).Should().BeNull();
        (await Site.FindUserAsync("bulk-b")).Should().BeNull();
        (await Site.FindUserAsync("bulk-keep")).Should().NotBeNull();
        var entries = await Site.WithDbAsync(db => db.AuditEntries
            .Where(e => e.Action == AdminSite.Audit.AuditAction.Deleted && (e.ObjectId == a.Id || e.ObjectId == b.Id)).ToListAsync());
        entries.Select(e => e.ObjectRepr).Should().BeEquivalentTo("bulk-a", "bulk-b");
        Html.Messages(await Admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("Successfully deleted 2 users.");
        _ = keep;
    }

    [Test]
    public async Task Nobody_deletes_their_own_account_by_accident()
    {
        var me = (await Site.FindUserAsync(AdminSiteFactory.AdminUserName))!;

        using var single = await Admin.PostFormAsync($"/admin/auth/user/{me.Id}/delete", new() { ["post"] = "yes" });
        using var bulk = await Admin.PostFormAsync("/admin/auth/user/delete_selected", new() { ["post"] = "yes" },
            tokenFrom: "/admin/", extra: [new("ids", me.Id)]);

        (await Site.FindUserAsync(AdminSiteFactory.AdminUserName)).Should().NotBeNull();
        Html.Messages(await Admin.GetHtmlAsync("/admin/auth/user")).Should()
            .Contain(m => m.StartsWith("You cannot delete your own account", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_missing_user_sends_you_home_with_a_warning()
    {
        using var response = await Admin.GetAsync("/admin/auth/user/does-not-exist/change");

        SiteClient.RedirectPath(response).Should().Be("/admin");
        Html.Messages(await Admin.GetHtmlAsync("/admin/")).Should()
            .Contain("User with ID “does-not-exist” doesn’t exist. Perhaps it was deleted?");
    }
}

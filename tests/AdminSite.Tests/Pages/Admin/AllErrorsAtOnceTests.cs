using AdminSite.Tests.Infrastructure;
using AngleSharp.Html.Parser;

namespace AdminSite.Tests.Pages.Admin;

/// <summary>
/// Django's forms report every problem in one round: a taken name is not held back until the e-mail address,
/// the passwords or the permission choices are put right.
/// </summary>
[TestFixture]
public sealed class AllErrorsAtOnceTests : AdminClientFixture
{
    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await Site.CreateUserAsync(new("taken"));
        await Site.CreateGroupAsync("Taken group");
    }

    [Test]
    public async Task The_change_form_reports_a_taken_user_name_beside_a_bad_email_address()
    {
        var user = await Site.CreateUserAsync(new("changing"));

        using var response = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "TAKEN", ["Input.Email"] = "not-an-email", ["Input.IsActive"] = "true", ["Input.UserPermissions"] = "auth.launch_missiles",
        });

        var errors = await ErrorsAsync(response);
        errors.Should().Contain(("Input.UserName", "A user with that username already exists."))
            .And.Contain(("Input.Email", "Enter a valid email address."))
            .And.Contain(("Input.UserPermissions", "Select a valid choice. That choice is not one of the available choices."));
        (await Site.FindUserAsync("changing")).Should().NotBeNull("nothing was saved");
    }

    [Test]
    public async Task The_add_form_reports_a_taken_user_name_beside_passwords_that_differ_or_are_weak()
    {
        using var mismatch = await AddAsync("taken", "Quite-Unusual-99", "Quite-Unusual-98");
        using var weak = await AddAsync("taken", "password", "password");
        using var empty = await AddAsync("", "Quite-Unusual-99", "Quite-Unusual-98");

        (await ErrorsAsync(mismatch)).Should().BeEquivalentTo(
            [("Input.UserName", "A user with that username already exists."), ("Input.Password2", "The two password fields didn’t match.")]);
        (await ErrorsAsync(weak)).Should().BeEquivalentTo(
            [("Input.UserName", "A user with that username already exists."), ("Input.Password2", "This password is too common.")]);
        (await ErrorsAsync(empty)).Should().BeEquivalentTo(
            [("Input.UserName", "This field is required."), ("Input.Password2", "The two password fields didn’t match.")],
            "an empty name is reported once, as missing");
    }

    [Test]
    public async Task The_group_form_reports_a_taken_name_beside_an_unknown_permission()
    {
        using var response = await Admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "taken group", ["Input.Permissions"] = "auth.launch_missiles" });

        (await ErrorsAsync(response)).Should().BeEquivalentTo(
        [
            ("Input.Name", "Group with this Name already exists."),
            ("Input.Permissions", "Select a valid choice. That choice is not one of the available choices."),
        ]);
    }

    private Task<HttpResponseMessage> AddAsync(string userName, string password, string again) =>
        Admin.PostFormAsync("/admin/auth/user/add", new() { ["Input.UserName"] = userName, ["Input.Password1"] = password, ["Input.Password2"] = again });

    /// <summary>Each error shown next to a field, as (the field's name, the message).</summary>
    private static async Task<List<(string Field, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        // _FieldErrors names its list after the field: id="Input_UserName-error".
        return page.QuerySelectorAll("ul.errorlist[id$='-error'] li")
            .Select(li => (Field: li.ParentElement!.Id![..^"-error".Length].Replace('_', '.'), Message: li.TextContent.Trim()))
            .ToList();
    }
}

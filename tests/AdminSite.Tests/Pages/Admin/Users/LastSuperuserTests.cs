using System.Net;
using AdminSite.Pages.Admin.Users;
using AdminSite.Tests.Infrastructure;
using AngleSharp.Html.Parser;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>
/// The only active superuser cannot untick their own Active, Staff or Superuser status: it would lock everyone out
/// of the admin at once. With another active superuser, they can.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LastSuperuserTests : AdminClientFixture
{
    private string _adminId = null!;

    [OneTimeSetUp]
    public async Task FindAdminAsync()
    {
        _adminId = (await Site.FindUserAsync(AdminSiteFactory.AdminUserName))!.Id;
        // Superusers who could not step in: inactive, or not staff (so unable to log in).
        await Site.CreateUserAsync(new("retired.root", Superuser: true, Active: false));
        await Site.CreateUserAsync(new("root.without.staff", Staff: false, Superuser: true));
    }

    [TestCase("Input.IsActive")]
    [TestCase("Input.IsStaff")]
    [TestCase("Input.IsSuperuser")]
    public async Task Unticking_ones_own_status_is_refused_with_the_reason(string field)
    {
        using var response = await SaveOwnAsync(field);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the form comes back with the error");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector($"#{field.Replace('.', '_')}-error")?.TextContent.Trim().Should().Be(UserEditor.LastSuperuserMessage);
        var admin = (await Site.FindUserAsync(AdminSiteFactory.AdminUserName))!;
        (admin.IsActive && admin.IsStaff && admin.IsSuperuser).Should().BeTrue("nothing was saved");
        (await Admin.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "the admin is still signed in");
    }

    [Test]
    public async Task With_another_active_superuser_it_is_allowed()
    {
        await Site.CreateUserAsync(new("second.root", Superuser: true));
        try
        {
            using var response = await SaveOwnAsync("Input.IsSuperuser");

            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await Site.FindUserAsync(AdminSiteFactory.AdminUserName))!.IsSuperuser.Should().BeFalse();
        }
        finally
        {
            await Site.WithDbAsync(async db =>
            {
                db.Users.Remove(db.Users.Single(u => u.UserName == "second.root"));
                db.Users.Single(u => u.Id == _adminId).IsSuperuser = true;
                await db.SaveChangesAsync();
            });
        }
    }

    // The change form as posted with every flag ticked except the one named.
    private Task<HttpResponseMessage> SaveOwnAsync(string unticked)
    {
        var fields = new Dictionary<string, string> { ["Input.UserName"] = AdminSiteFactory.AdminUserName };
        foreach (var flag in new[] { "Input.IsActive", "Input.IsStaff", "Input.IsSuperuser" })
        {
            fields[flag] = flag == unticked ? "false" : "true";
        }

        return Admin.PostFormAsync($"/admin/auth/user/{_adminId}/change", fields);
    }
}

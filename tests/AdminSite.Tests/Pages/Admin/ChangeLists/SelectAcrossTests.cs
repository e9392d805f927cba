using System.Net;
using System.Text.RegularExpressions;
using AdminSite.Pages.Admin.ChangeLists;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.ChangeLists;

/// <summary>
/// Django's "Select all N users": an action on every match of the changelist's search and filters, across its
/// pages, confirmed as a list of exactly those objects.
/// </summary>
[TestFixture]
public sealed partial class SelectAcrossTests : AdminClientFixture
{
    [Test]
    public async Task Every_match_on_every_page_is_listed_and_deactivated_and_nothing_else()
    {
        await Site.SeedUsersAsync(Enumerable.Range(0, 130).Select(i => new AdminUser { UserName = $"across{i:000}", IsActive = true }));
        await Site.SeedUsersAsync([new AdminUser { UserName = "across.staff", IsStaff = true }, new AdminUser { UserName = "elsewhere" }]);
        const string list = "/admin/auth/user?q=across&is_staff__exact=0&o=-1&p=2";

        using var action = await Admin.PostFormAsync(list, new() { ["action"] = "deactivate_selected", [ChangeListPageModel.SelectAcross] = "1" },
            tokenFrom: list, extra: [new("_selected_action", "ignored-when-selecting-across")]);

        var confirm = SiteClient.RedirectPath(action);
        confirm.Should().StartWith("/admin/auth/user/deactivate_selected?");
        QueryHelpers.ParseQuery(new Uri("http://site" + confirm).Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString())
            .Should().Equal(new Dictionary<string, string> { ["q"] = "across", ["is_staff__exact"] = "0", ["select_across"] = "1" }, "search and filters go along; page and order do not");
        var page = await Admin.GetHtmlAsync(confirm);
        var ids = Ids(page);
        ids.Should().HaveCount(130);
        var expected = await Site.WithDbAsync(db => db.Users.Where(u => u.UserName!.StartsWith("across") && !u.IsStaff).Select(u => u.Id).ToListAsync());
        ids.Should().BeEquivalentTo(expected);

        using var done = await Admin.PostFormAsync(confirm, [], extra: ids.Select(id => new KeyValuePair<string, string>("ids", id)));

        Html.Messages(await Admin.GetHtmlAsync(SiteClient.RedirectPath(done))).Should().Contain("Successfully deactivated 130 users.");
        var stillActive = await Site.WithDbAsync(db => db.Users.Where(u => u.IsActive && (u.UserName!.StartsWith("across") || u.UserName == "elsewhere"))
            .Select(u => u.UserName).ToListAsync());
        stillActive.Should().BeEquivalentTo("across.staff", "elsewhere");
    }

    [Test]
    public async Task More_matches_than_one_action_may_change_are_refused_and_nothing_changes()
    {
        var count = BulkActionPageModel<AdminUser>.MaxSelected + 1;
        await Site.SeedUsersAsync(Enumerable.Range(0, count).Select(i => new AdminUser { UserName = $"crowd{i:0000}" }));

        using var action = await Admin.PostFormAsync("/admin/auth/user?q=crowd", new() { ["action"] = "delete_selected", [ChangeListPageModel.SelectAcross] = "1" });
        using var confirm = await Admin.GetAsync(SiteClient.RedirectPath(action));

        SiteClient.RedirectPath(confirm).Should().Be("/admin/auth/user?q=crowd");
        Html.Text(string.Join('\n', Html.Messages(await Admin.GetHtmlAsync("/admin/auth/user?q=crowd"))))
            .Should().Contain($"An action runs on at most {BulkActionPageModel<AdminUser>.MaxSelected} objects at a time. Narrow the list with its search or filters. Nothing was changed.");
        (await Site.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith("crowd")))).Should().Be(count);
    }

    [Test]
    public async Task Exactly_as_many_as_one_action_may_change_go_through_one_confirmation()
    {
        var count = BulkActionPageModel<AdminUser>.MaxSelected;
        await Site.SeedUsersAsync(Enumerable.Range(0, count).Select(i => new AdminUser { UserName = $"limit{i:0000}", IsActive = true }));

        using var action = await Admin.PostFormAsync("/admin/auth/user?q=limit", new() { ["action"] = "deactivate_selected", [ChangeListPageModel.SelectAcross] = "1" });
        var confirm = SiteClient.RedirectPath(action);
        var ids = Ids(await Admin.GetHtmlAsync(confirm));
        // As many form values as ids, plus the token: within ASP.NET Core's form value limit (1024).
        using var done = await Admin.PostFormAsync(confirm, [], extra: ids.Select(id => new KeyValuePair<string, string>("ids", id)));

        ids.Should().HaveCount(count);
        Html.Messages(await Admin.GetHtmlAsync(SiteClient.RedirectPath(done))).Should().Contain($"Successfully deactivated {count} users.");
    }

    [Test]
    public async Task Selecting_across_a_search_that_matches_nothing_changes_nothing()
    {
        using var action = await Admin.PostFormAsync("/admin/auth/user?q=nobody-is-called-this", new() { ["action"] = "delete_selected", [ChangeListPageModel.SelectAcross] = "1" });
        using var confirm = await Admin.GetAsync(SiteClient.RedirectPath(action));

        SiteClient.RedirectPath(confirm).Should().Be("/admin/auth/user");
        Html.Messages(await Admin.GetHtmlAsync("/admin/auth/user")).Should().Contain(BulkAction.NothingSelected);
    }

    [Test]
    public async Task Groups_select_across_their_search_too()
    {
        await Site.WithDbAsync(async db =>
        {
            db.Roles.AddRange(Enumerable.Range(0, 105).Select(i => new AdminGroup { Name = $"team {i:000}", NormalizedName = $"TEAM {i:000}" }));
            db.Roles.Add(new AdminGroup { Name = "keepers", NormalizedName = "KEEPERS" });
            await db.SaveChangesAsync();
        });
        (await Admin.GetHtmlAsync("/admin/auth/group?q=team")).Should().Contain("Select all 105 groups");

        using var action = await Admin.PostFormAsync("/admin/auth/group?q=team", new() { ["action"] = "delete_selected", [ChangeListPageModel.SelectAcross] = "1" });
        var confirm = SiteClient.RedirectPath(action);
        var ids = Ids(await Admin.GetHtmlAsync(confirm));
        using var done = await Admin.PostFormAsync(confirm, [], extra: ids.Select(id => new KeyValuePair<string, string>("ids", id)));

        done.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Site.WithDbAsync(db => db.Roles.Select(g => g.Name).ToListAsync())).Should().NotContain(name => name!.StartsWith("team")).And.Contain("keepers");
    }

    [Test]
    public async Task The_link_is_only_offered_when_the_list_has_more_than_one_page()
    {
        (await Admin.GetHtmlAsync("/admin/auth/user?q=admin")).Should().NotContain("select_across");
    }

    private static List<string> Ids(string confirmationPage) =>
        HiddenId().Matches(confirmationPage).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value)).ToList();

    [GeneratedRegex("<input type=\"hidden\" name=\"ids\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenId();
}

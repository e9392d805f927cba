using System.Net;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>Search, filters, sorting and pagination of the users changelist, against a known population.</summary>
[TestFixture]
public sealed class UserChangeListTests : AdminClientFixture
{
    // 250 seeded users + the bootstrap admin: user000..user249, every 10th is staff, every 25th inactive,
    // first names cycle through five, e-mails on two domains; plus opsperson (staff, in group ops).
    private static readonly string[] FirstNames = ["Alice", "Bob", "Chloé", "Dmitri", "Eve"];

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await Site.CreateGroupAsync("ops");
        await Site.SeedUsersAsync(Enumerable.Range(0, 250).Select(i => new AdminUser
        {
            UserName = $"user{i:000}",
            Email = $"user{i:000}@{(i % 2 == 0 ? "even" : "odd")}.example",
            FirstName = FirstNames[i % 5],
            LastName = i == 7 ? "O'Brien" : $"Family{i % 7}",
            IsStaff = i % 10 == 0,
            IsActive = i % 25 != 0,
        }));
        await Site.CreateUserAsync(new("opsperson", Groups: ["ops"], Password: null));
    }

    [Test]
    public async Task The_first_page_shows_100_users_sorted_by_user_name()
    {
        var html = await Admin.GetHtmlAsync("/admin/auth/user");

        var names = Html.ChangeListNames(html);
        names.Should().HaveCount(100).And.BeInAscendingOrder(StringComparer.Ordinal);
        names[0].Should().Be("admin");
        html.Should().Contain("252 users");
    }

    [Test]
    public async Task Pages_cover_every_user_exactly_once()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            seen.AddRange(Html.ChangeListNames(await Admin.GetHtmlAsync($"/admin/auth/user?p={page}")));
        }

        seen.Should().HaveCount(252).And.OnlyHaveUniqueItems();
    }

    [Test]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        var html = await Admin.GetHtmlAsync("/admin/auth/user?p=99");

        Html.ChangeListNames(html).Should().HaveCount(52);
        html.Should().Contain("<span class=\"this-page\" aria-current=\"page\">3</span>");
    }

    [Test]
    public async Task Search_terms_must_all_match_somewhere()
    {
        var html = await Admin.GetHtmlAsync("/admin/auth/user?q=alice+even.example");

        var names = Html.ChangeListNames(html);
        // Alice is every 5th user (i % 5 == 0) and even.example every 2nd: i % 10 == 0.
        var expected = Enumerable.Range(0, 250).Where(i => i % 10 == 0).Select(i => $"user{i:000}");
        names.Should().BeEquivalentTo(expected);
        html.Should().Contain("25 results (<a href=\"?\">252 total</a>)");
    }

    [Test]
    public async Task Search_is_case_insensitive_and_matches_names_and_accents()
    {
        Html.ChangeListNames(await Admin.GetHtmlAsync("/admin/auth/user?q=USER01")).Should().HaveCount(10);
        Html.ChangeListNames(await Admin.GetHtmlAsync("/admin/auth/user?q=chlo%C3%A9")).Should().HaveCount(50);
        Html.ChangeListNames(await Admin.GetHtmlAsync("/admin/auth/user?q=%22Family3%22")).Should().HaveCount(36);
    }

    [TestCase("%", 0)]
    [TestCase("_", 0)]
    [TestCase("O'Brien", 1)]
    [TestCase("' OR 1=1 --", 0)]
    [TestCase("\"; DROP TABLE AspNetUsers; --", 0)]
    public async Task Sql_metacharacters_in_a_search_are_plain_text(string query, int expected)
    {
        var html = await Admin.GetHtmlAsync($"/admin/auth/user?q={Uri.EscapeDataString(query)}");

        Html.ChangeListNames(html).Should().HaveCount(expected);
        (await Admin.GetHtmlAsync("/admin/auth/user")).Should().Contain("252 users", "nothing was dropped");
    }

    [TestCase("is_staff__exact=1", 27)]
    [TestCase("is_staff__exact=0", 225)]
    [TestCase("is_superuser__exact=1", 1)]
    [TestCase("is_active__exact=0", 10)]
    [TestCase("is_active__exact=1&is_staff__exact=1", 22)]
    public async Task Filters_narrow_the_list(string filter, int expected)
    {
        var html = await Admin.GetHtmlAsync($"/admin/auth/user?{filter}");

        html.Should().Contain($"{expected} result{(expected == 1 ? "" : "s")} (<a href=\"?\">252 total</a>)");
    }

    [Test]
    public async Task The_group_filter_lists_groups_and_narrows_to_members()
    {
        var all = await Admin.GetHtmlAsync("/admin/auth/user");
        var groupId = System.Text.RegularExpressions.Regex.Match(all, "groups__id__exact=([0-9a-f-]+)\">ops<").Groups[1].Value;
        groupId.Should().NotBeEmpty();

        var html = await Admin.GetHtmlAsync($"/admin/auth/user?groups__id__exact={groupId}");

        Html.ChangeListNames(html).Should().Equal("opsperson");
    }

    [Test]
    public async Task Headers_sort_descending_and_by_other_columns()
    {
        var byNameDescending = Html.ChangeListNames(await Admin.GetHtmlAsync("/admin/auth/user?o=-1"));
        byNameDescending[0].Should().Be("user249");

        var byEmail = await Admin.GetHtmlAsync("/admin/auth/user?o=2.1&is_staff__exact=1");
        var names = Html.ChangeListNames(byEmail);
        // Staff without e-mail (admin, opsperson) sort first, then even.example before odd.example.
        names.Take(2).Should().BeEquivalentTo("admin", "opsperson");
        names.Skip(2).Should().BeInAscendingOrder(StringComparer.Ordinal);

        var byStaffThenName = Html.ChangeListNames(await Admin.GetHtmlAsync("/admin/auth/user?o=-5.1"));
        byStaffThenName.Take(26).Should().Contain("user000").And.Contain("admin");
    }

    [Test]
    public async Task Sort_links_toggle_the_clicked_column_and_keep_filters()
    {
        var html = await Admin.GetHtmlAsync("/admin/auth/user?o=1&is_staff__exact=1&q=user");

        html.Should().Contain("href=\"?is_staff__exact=1&amp;o=-1&amp;q=user\"", "clicking the sorted column reverses it");
        html.Should().Contain("href=\"?is_staff__exact=1&amp;o=3.1&amp;q=user\"", "another column becomes primary, the old one secondary");
    }

    [TestCase("o=banana")]
    [TestCase("o=99.-42")]
    [TestCase("p=-3")]
    [TestCase("p=abc")]
    [TestCase("is_staff__exact=maybe")]
    public async Task Nonsense_parameters_fall_back_to_defaults(string query)
    {
        var html = await Admin.GetHtmlAsync($"/admin/auth/user?{query}");

        Html.ChangeListNames(html).Should().HaveCount(100);
    }

    [Test]
    public async Task Running_an_action_without_a_selection_explains_why_nothing_happened()
    {
        using var response = await Admin.PostFormAsync("/admin/auth/user?q=user", new() { ["action"] = "delete_selected" });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SiteClient.RedirectPath(response).Should().Be("/admin/auth/user?q=user");
        Html.Messages(await Admin.GetHtmlAsync("/admin/auth/user")).Should()
            .Contain("Items must be selected in order to perform actions on them. No items have been changed.");
    }
}

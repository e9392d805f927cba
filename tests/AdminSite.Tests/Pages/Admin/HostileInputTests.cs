using System.Net;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Pages.Admin;

/// <summary>Whatever people type is stored exactly and shown as text, never as markup or SQL.</summary>
[TestFixture]
public sealed class HostileInputTests : AdminClientFixture
{
    private const string Script = "<script>alert('xss')</script>";
    private const string Sql = "Robert'); DROP TABLE \"AspNetUsers\";--";
    private const string Unicode = "Zoë 李小龍 Ærøskøbing שלום 🙂";

    [Test]
    public async Task Script_sql_and_unicode_names_are_stored_exactly_and_shown_escaped()
    {
        var user = await Site.CreateUserAsync(new("hostile", Password: null));

        using var save = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "zoë_李",
            ["Input.FirstName"] = Script,
            ["Input.LastName"] = Sql,
            ["Input.Email"] = "zoe@example.com",
            ["Input.IsActive"] = "true",
            ["Input.IsStaff"] = "true",
        });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var stored = (await Site.FindUserAsync("zoë_李"))!;
        stored.FirstName.Should().Be(Script);
        stored.LastName.Should().Be(Sql);

        foreach (var url in new[] { "/admin/auth/user", $"/admin/auth/user/{user.Id}/change", $"/admin/auth/user/{user.Id}/history", "/admin/" })
        {
            var html = await Admin.GetHtmlAsync(url);
            html.Should().NotContain("<script>alert", $"{url} must escape markup");
            html.Should().NotContain(Sql, $"{url} must encode quotes");
        }

        var list = await Admin.GetHtmlAsync("/admin/auth/user?q=zo%C3%AB");
        list.Should().Contain("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;");
        list.Should().Contain("zoë_李", "letters of any script are written as themselves, not as entities");
        Html.Text(list).Should().Contain(Sql);
    }

    [Test]
    public async Task Unicode_group_names_round_trip()
    {
        using var add = await Admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = Unicode });

        add.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = await Admin.GetHtmlAsync("/admin/auth/group?q=%C3%A6r%C3%B8sk%C3%B8bing");
        Html.ChangeListNames(html, "name").Should().Equal(Unicode);
    }

    [Test]
    public async Task Very_long_values_are_refused_with_a_message_not_an_error()
    {
        var user = await Site.CreateUserAsync(new("longish", Password: null));
        var tooLong = new string('x', 10_000);

        using var change = await Admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "longish",
            ["Input.FirstName"] = tooLong,
            ["Input.IsActive"] = "true",
        });
        using var add = await Admin.PostFormAsync("/admin/auth/user/add", new()
        {
            ["Input.UserName"] = new string('u', 151),
            ["Input.Password1"] = "Quite-Unusual-99",
            ["Input.Password2"] = "Quite-Unusual-99",
        });
        using var group = await Admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = tooLong });
        using var search = await Admin.GetAsync($"/admin/auth/user?q={new string('q', 5000)}");

        change.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await change.Content.ReadAsStringAsync()).Should().Contain("Ensure this value has at most 150 characters.");
        Html.Text(await add.Content.ReadAsStringAsync()).Should().Contain("Ensure this value has at most 150 characters.");
        Html.Text(await group.Content.ReadAsStringAsync()).Should().Contain("Ensure this value has at most 150 characters.");
        search.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Site.FindUserAsync("longish"))!.FirstName.Should().BeEmpty();
    }

    [Test]
    public async Task A_search_of_a_thousand_words_uses_the_first_ones_and_says_so()
    {
        await Site.CreateUserAsync(new("wordy.one", Password: null));
        var words = Uri.EscapeDataString("wordy " + string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"w{i}")));

        using var users = await Admin.GetAsync($"/admin/auth/user?q={words}");
        using var groups = await Admin.GetAsync($"/admin/auth/group?q={words}");
        using var export = await Admin.GetAsync($"/admin/auth/user/export?q={words}");

        users.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Messages(await users.Content.ReadAsStringAsync()).Should().Contain("Only the first 20 words of the search were used.");
        groups.StatusCode.Should().Be(HttpStatusCode.OK);
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        (await export.Content.ReadAsStringAsync()).Should().StartWith("Username,").And.EndWith("\r\n", "the download is complete");
    }

    [Test]
    public async Task Hostile_text_in_messages_is_escaped_too()
    {
        using var add = await Admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = Script });

        var html = await Admin.GetHtmlAsync("/admin/auth/group");

        html.Should().Contain("The group “&lt;script&gt;").And.NotContain("<script>alert");
    }
}

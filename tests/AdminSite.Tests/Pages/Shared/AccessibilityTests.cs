using AdminSite.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AdminSite.Tests.Pages.Shared;

/// <summary>
/// The markup rules every page keeps: landmarks, a working skip link, a name for every control, a caption for
/// every table, alt text, unique ids, and aria-current on the current page's link. Read as a DOM, not by eye.
/// </summary>
[TestFixture]
public sealed class AccessibilityTests : AdminClientFixture
{
    private static readonly HtmlParser Parser = new();

    private string _userId = null!;
    private string _groupId = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _groupId = (await Site.CreateGroupAsync("a11y-group", "auth.view_user")).Id;
        var user = await Site.CreateUserAsync(new("a11y.user", Groups: ["a11y-group"]));
        _userId = user.Id;
        await Site.EnrolAsync("a11y.user");
        (await Admin.PostFormAsync($"/admin/auth/user/{_userId}/change", new()
        {
            ["Input.UserName"] = "a11y.user", ["Input.FirstName"] = "Ally", ["Input.IsActive"] = "true", ["Input.IsStaff"] = "true", ["Input.Groups"] = _groupId,
        })).Dispose();
    }

    private IEnumerable<string> AdminPages() =>
    [
        "/admin/", "/admin/auth/user", "/admin/auth/user?q=a11y", "/admin/auth/user/add", $"/admin/auth/user/{_userId}/change",
        $"/admin/auth/user/{_userId}/password", $"/admin/auth/user/{_userId}/history", $"/admin/auth/user/{_userId}/delete",
        $"/admin/auth/user/deactivate_selected?ids={_userId}", "/admin/auth/group", "/admin/auth/group/add", $"/admin/auth/group/{_groupId}/change",
        "/admin/password_change", "/admin/audit", "/admin/two_factor", "/admin/two_factor/setup",
    ];

    [Test]
    public async Task Every_admin_page_follows_the_rules()
    {
        foreach (var path in AdminPages())
        {
            Check(path, await Admin.GetHtmlAsync(path));
        }
    }

    [Test]
    public async Task The_public_pages_follow_the_rules_too()
    {
        using var anonymous = Site.CreateSiteClient();
        foreach (var path in new[] { SiteClient.LoginPath, "/Identity/Account/Lockout", "/Identity/Account/Logout" })
        {
            Check(path, await anonymous.GetHtmlAsync(path));
        }

        using var password = await anonymous.TryLogInAsync("a11y.user", TestData.Password);
        var step = SiteClient.RedirectPath(password);
        Check(step, await anonymous.GetHtmlAsync(step));
    }

    [Test]
    public async Task The_current_model_and_page_are_marked_for_assistive_technology()
    {
        var users = Parser.ParseDocument(await Admin.GetHtmlAsync("/admin/auth/user"));
        var audit = Parser.ParseDocument(await Admin.GetHtmlAsync("/admin/audit"));
        var history = Parser.ParseDocument(await Admin.GetHtmlAsync($"/admin/auth/user/{_userId}/history?p=1"));

        users.QuerySelector("#nav-sidebar a[aria-current='page']")!.TextContent.Should().Be("Users");
        audit.QuerySelectorAll("a[aria-current='page']").Select(a => a.TextContent).Should().Contain("Audit log");
        audit.QuerySelector(".breadcrumbs [aria-current='page']")!.TextContent.Should().Be("Audit log");
        history.QuerySelector("#change-history-table caption")!.TextContent.Should().Contain("a11y.user");
    }

    [Test]
    public async Task The_theme_switch_is_a_labelled_form_that_works_without_script()
    {
        var page = Parser.ParseDocument(await Admin.GetHtmlAsync("/admin/"));

        var form = page.QuerySelector("form#theme-form")!;
        form.GetAttribute("method").Should().Be("post");
        form.QuerySelector("button[type='submit']")!.TextContent.Should().Be("Apply");
        page.QuerySelector("label[for='theme-select']")!.TextContent.Should().Be("Theme");
        form.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).Should().Equal("auto", "light", "dark");
    }

    private static void Check(string path, string html)
    {
        var document = Parser.ParseDocument(html);
        var because = $"on {path}";

        document.DocumentElement.GetAttribute("lang").Should().Be("en", because);
        document.Title.Should().NotBeNullOrWhiteSpace(because);
        document.QuerySelectorAll("main").Should().ContainSingle(because);
        document.QuerySelectorAll("body > header").Should().ContainSingle(because);
        document.QuerySelectorAll("nav").Where(n => !n.HasAttribute("aria-label") && !n.HasAttribute("aria-labelledby")).Should().BeEmpty(because);

        var skip = document.QuerySelector("body > a.skip-to-content")!;
        skip.Should().NotBeNull(because);
        document.Body!.QuerySelector("a, button, input, select, textarea").Should().Be(skip, $"the skip link comes first {because}");
        document.GetElementById(skip.GetAttribute("href")![1..])!.LocalName.Should().Be("main", because);

        foreach (var control in document.QuerySelectorAll("input, select, textarea")
                     .Where(c => c.GetAttribute("type") is not ("hidden" or "submit" or "button" or "image")))
        {
            HasName(document, control).Should().BeTrue($"{Describe(control)} needs a label {because}");
        }

        foreach (var button in document.QuerySelectorAll("button, input[type='submit']"))
        {
            (button.TextContent.Trim().Length > 0 || button.HasAttribute("value") || button.HasAttribute("aria-label"))
                .Should().BeTrue($"{Describe(button)} needs a name {because}");
        }

        foreach (var table in document.QuerySelectorAll("table"))
        {
            (table.QuerySelector("caption") is not null || table.HasAttribute("aria-label") || table.HasAttribute("aria-labelledby"))
                .Should().BeTrue($"{Describe(table)} needs a caption {because}");
        }

        document.QuerySelectorAll("img").Where(img => !img.HasAttribute("alt")).Should().BeEmpty(because);
        var ids = document.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        ids.Should().OnlyHaveUniqueItems(because);
        foreach (var reference in document.QuerySelectorAll("[aria-labelledby], [aria-describedby]")
                     .SelectMany(e => $"{e.GetAttribute("aria-labelledby")} {e.GetAttribute("aria-describedby")}".Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            ids.Should().Contain(reference, $"aria references must point at elements {because}");
        }
    }

    private static bool HasName(IDocument document, IElement control) =>
        control.HasAttribute("aria-label")
        || control.HasAttribute("aria-labelledby")
        || control.Closest("label") is not null
        || (control.Id is { Length: > 0 } id && document.QuerySelectorAll("label").Any(l => l.GetAttribute("for") == id && l.TextContent.Trim().Length > 0));

    private static string Describe(IElement element) => element.OuterHtml.Length > 160 ? element.OuterHtml[..160] : element.OuterHtml;
}

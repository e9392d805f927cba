using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AdminSite.Tests.Browser;

/// <summary>
/// Django's widgets by mouse and keyboard: shift-click in a changelist, the picker's filter box, the sidebar's
/// filter and toggle (a drawer on a phone). One signed-in page serves every test; each leaves it as it found it.
/// </summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public sealed class WidgetBrowserTests : BrowserFixture
{
    private IPage _page = null!;
    private List<string> _consoleErrors = null!;

    [OneTimeSetUp]
    public async Task SeedAndSignInAsync()
    {
        await Site.SeedUsersAsync(Enumerable.Range(0, 15).Select(i => new AdminUser { UserName = $"row{i:00}", Email = $"row{i:00}@example.com" }));
        (_page, _consoleErrors) = await NewPageAsync();
        await LogInAsync(_page, AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
    }

    [OneTimeTearDown]
    public async Task ClosePageAsync() => await _page.Context.CloseAsync();

    [SetUp]
    public Task DesktopAsync() => _page.SetViewportSizeAsync(1280, 800);

    [TearDown]
    public void NoScriptErrors() => _consoleErrors.Should().BeEmpty("no script error and no Content-Security-Policy violation");

    [Test]
    public async Task Shift_click_ticks_or_clears_every_row_between_the_last_box_clicked_and_this_one()
    {
        await _page.GotoAsync("/admin/auth/user?q=row");
        var boxes = _page.Locator("input.action-select");
        var counter = _page.Locator(".action-counter");

        await boxes.Nth(1).ClickAsync();
        await boxes.Nth(5).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(counter).ToHaveTextAsync("5 of 15 selected");
        await Assertions.Expect(_page.Locator("#result_list tbody tr.selected")).ToHaveCountAsync(5);

        // A shift-click that clears a box clears the range from the last box clicked.
        await boxes.Nth(3).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(counter).ToHaveTextAsync("2 of 15 selected");
        (await CheckedAsync(boxes)).Should().Equal(1, 2);

        // The keyboard does the same with Shift+Space.
        await boxes.Nth(8).FocusAsync();
        await _page.Keyboard.PressAsync("Space");
        await boxes.Nth(11).FocusAsync();
        await _page.Keyboard.PressAsync("Shift+Space");
        (await CheckedAsync(boxes)).Should().Equal(1, 2, 8, 9, 10, 11);
    }

    [Test]
    public async Task Enter_in_a_pickers_filter_box_chooses_the_match_instead_of_submitting_the_form()
    {
        await _page.GotoAsync("/admin/auth/group/add");
        await _page.GetByLabel("Name:").FillAsync("Reviewers");
        var filter = _page.GetByLabel("Filter available permissions");

        await filter.FillAsync("view user");
        await filter.PressAsync("Enter");

        await Assertions.Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/auth/group/add$"));
        await Assertions.Expect(_page.Locator(".messagelist, .errornote")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#Input_Permissions option")).ToHaveTextAsync(["auth | user | Can view user"]);

        // The arrows pick which match Enter moves: the second "group" permission, by name.
        await filter.FillAsync("group");
        await filter.PressAsync("ArrowDown");
        await filter.PressAsync("ArrowDown");
        await filter.PressAsync("Enter");
        await Assertions.Expect(_page.Locator("#Input_Permissions option")).ToHaveTextAsync(["auth | group | Can change group", "auth | user | Can view user"]);

        await _page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.Locator(".messagelist")).ToContainTextAsync("The group “Reviewers” was added successfully.");
        var saved = await Site.WithDbAsync(db => db.RoleClaims.Where(c => db.Roles.Any(g => g.Id == c.RoleId && g.Name == "Reviewers"))
            .Select(c => c.ClaimValue).OrderBy(c => c).ToListAsync());
        saved.Should().Equal("auth.change_group", "auth.view_user");
    }

    [Test]
    public async Task The_sidebar_filters_its_models_collapses_and_on_a_phone_opens_as_a_drawer()
    {
        await _page.GotoAsync("/admin/auth/user");
        var sidebar = _page.Locator("#nav-sidebar");
        var filter = _page.GetByPlaceholder("Start typing to filter…");
        var toggle = _page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });

        await filter.FillAsync("gro");
        await Assertions.Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Groups" })).ToBeVisibleAsync();
        await Assertions.Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeHiddenAsync();
        await Assertions.Expect(sidebar.GetByText("Security")).ToBeHiddenAsync();
        await filter.FillAsync("nothing like it");
        await Assertions.Expect(filter).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("no-results"));
        await filter.PressAsync("Escape");
        await Assertions.Expect(filter).ToHaveValueAsync("");
        await Assertions.Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();

        // Collapsed, and remembered on the next page.
        await toggle.ClickAsync();
        await Assertions.Expect(sidebar).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await _page.GotoAsync("/admin/auth/group");
        await Assertions.Expect(sidebar).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(sidebar).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");

        // A phone: a drawer over the page, closed by Escape or by a tap beside it.
        await _page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(sidebar).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        await Assertions.Expect(sidebar).ToBeVisibleAsync();
        await Assertions.Expect(filter).ToBeFocusedAsync();
        var drawer = (await sidebar.BoundingBoxAsync())!;
        drawer.X.Should().Be(0);
        (drawer.X + drawer.Width).Should().BeLessThan(390);
        (await LayoutFacts.CheckAsync(_page)).Should().NotContain(p => p.Contains("scrolls sideways"));
        await ScreenshotAsync(_page, "sidebar-drawer-390.png", fullPage: false);
        await _page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(sidebar).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToBeFocusedAsync();
        await toggle.ClickAsync();
        await _page.Mouse.ClickAsync(380, 600);
        await Assertions.Expect(sidebar).ToBeHiddenAsync();
        // The tap beside the drawer only closes it: nothing under the shade was followed.
        await Assertions.Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/auth/group$"));
    }

    private static async Task<List<int>> CheckedAsync(ILocator boxes)
    {
        var states = await boxes.EvaluateAllAsync<bool[]>("boxes => boxes.map(box => box.checked)");
        return states.Select((on, i) => (on, i)).Where(s => s.on).Select(s => s.i).ToList();
    }
}

using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AdminSite.Tests.Browser;

/// <summary>A person at a browser: every step is a click or a keystroke on the real site over Kestrel.</summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public sealed class AdminBrowserTests : BrowserFixture
{
    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await Site.CreateGroupAsync("Editors", "auth.view_user", "auth.change_user");
        await Site.CreateGroupAsync("Support", "auth.view_user");
        string[] first = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Guido", "Radia", "Tim", "Hedy"];
        string[] last = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "van Rossum", "Perlman", "Berners-Lee", "Lamarr"];
        await Site.SeedUsersAsync(first.Select((name, i) => new AdminUser
        {
            UserName = $"{name.ToLowerInvariant()}.{last[i].Split(' ')[^1].ToLowerInvariant()}",
            FirstName = name,
            LastName = last[i],
            Email = $"{name.ToLowerInvariant()}@example.com",
            IsStaff = i % 3 == 0,
            DateJoined = DateTime.UtcNow.AddDays(-i),
        }));
    }

    [Test]
    public async Task A_superuser_adds_finds_regroups_deletes_and_audits_a_user_then_logs_out()
    {
        var (page, consoleErrors) = await NewPageAsync();

        // Log in: the admin home sends us to the login form first.
        await page.GotoAsync("/admin/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));
        await SubmitLoginAsync(page, AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Site administration" })).ToBeVisibleAsync();

        // Add a user.
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add user" }).ClickAsync();
        await page.GetByLabel("Username:").FillAsync("browser.person");
        await page.GetByLabel("Password:", new() { Exact = true }).FillAsync("Clicked-Not-Typed-42");
        await page.GetByLabel("Password confirmation:").FillAsync("Clicked-Not-Typed-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".messagelist")).ToContainTextAsync("The user “browser.person” was added successfully.");

        // Find it by search; the changelist with its users is the screenshot the README shows.
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).First.ClickAsync();
        await ScreenshotAsync(page, "users-changelist.png");
        await page.Locator("#searchbar").FillAsync("browser");
        await page.Locator("#searchbar").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#result_list tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#changelist-search")).ToContainTextAsync("1 result");

        // Change its groups with the two-list picker.
        await page.GetByRole(AriaRole.Link, new() { Name = "browser.person" }).ClickAsync();
        await page.Locator("#Input_Groups_from").SelectOptionAsync(new SelectOptionValue { Label = "Editors" });
        await page.Locator("#Input_Groups_add").ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Groups option")).ToHaveTextAsync(["Editors"]);
        await page.GetByLabel("First name:").FillAsync("Browser");
        await ScreenshotAsync(page, "user-change.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".messagelist")).ToContainTextAsync("The user “browser.person” was changed successfully.");
        var groups = await Site.WithDbAsync(db => db.UserRoles
            .Where(ur => db.Users.Any(u => u.Id == ur.UserId && u.UserName == "browser.person"))
            .Select(ur => db.Roles.Single(g => g.Id == ur.RoleId).Name).ToListAsync());
        groups.Should().Equal("Editors");

        // Bulk-delete it: search, select all on the page, run the action, confirm.
        await page.Locator("#searchbar").FillAsync("browser.person");
        await page.Locator("#searchbar").PressAsync("Enter");
        await page.Locator("#action-toggle").CheckAsync();
        await Assertions.Expect(page.Locator(".action-counter")).ToHaveTextAsync("1 of 1 selected");
        await page.GetByLabel("Action:").SelectOptionAsync("delete_selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Are you sure?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".deleted-objects")).ToContainTextAsync("browser.person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, I’m sure" }).ClickAsync();
        await Assertions.Expect(page.Locator(".messagelist")).ToContainTextAsync("Successfully deleted 1 user.");
        (await Site.FindUserAsync("browser.person")).Should().BeNull();

        // Read its history from "Recent actions": the user is gone, the log is not.
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await ScreenshotAsync(page, "dashboard.png");
        var deleted = page.Locator("#recent-actions-module li.deletelink").First;
        await Assertions.Expect(deleted).ToContainTextAsync("browser.person");
        await Assertions.Expect(deleted.GetByRole(AriaRole.Link, new() { Name = "browser.person" })).ToHaveCountAsync(0);
        await deleted.GetByRole(AriaRole.Link, new() { Name = "(history)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change history: browser.person" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#change-history-table tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#change-history-table")).ToContainTextAsync("Added.");
        await Assertions.Expect(page.Locator("#change-history-table")).ToContainTextAsync("Changed First name and Groups.");
        await Assertions.Expect(page.Locator("#change-history-table")).ToContainTextAsync("Deleted.");

        // Log out, and the admin is closed again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Logged out" })).ToBeVisibleAsync();
        await page.GotoAsync("/admin/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));

        consoleErrors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
    }

    [Test]
    public async Task Without_JavaScript_groups_change_and_bulk_delete_still_work()
    {
        await Site.CreateUserAsync(new("nojs.person", Staff: false, Password: null));
        var (page, _) = await NewPageAsync(javaScript: false);

        await LogInAsync(page, AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);

        await page.GotoAsync("/admin/auth/user?q=nojs");
        await page.GetByRole(AriaRole.Link, new() { Name = "nojs.person" }).ClickAsync();
        await page.Locator("#Input_Groups").SelectOptionAsync(new[] { new SelectOptionValue { Label = "Support" } });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".messagelist")).ToContainTextAsync("was changed successfully");

        await page.GotoAsync("/admin/auth/user?q=nojs");
        await page.Locator("input.action-select").CheckAsync();
        await page.GetByLabel("Action:").SelectOptionAsync("delete_selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, I’m sure" }).ClickAsync();
        await Assertions.Expect(page.Locator(".messagelist")).ToContainTextAsync("Successfully deleted 1 user.");
        (await Site.FindUserAsync("nojs.person")).Should().BeNull();
    }

    [Test]
    public async Task Select_all_across_pages_deletes_every_match_after_one_confirmation()
    {
        await Site.SeedUsersAsync(Enumerable.Range(0, 120).Select(i => new AdminUser { UserName = $"temp{i:000}", Email = $"temp{i:000}@example.com" }));
        var (page, consoleErrors) = await NewPageAsync();
        await LogInAsync(page, AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        await page.GotoAsync("/admin/auth/user?q=temp");
        var question = page.GetByRole(AriaRole.Button, new() { Name = "Select all 120 users" });

        // The offer appears only while the whole page is ticked.
        await Assertions.Expect(question).ToBeHiddenAsync();
        await page.Locator("#action-toggle").CheckAsync();
        await Assertions.Expect(page.Locator(".action-counter")).ToHaveTextAsync("100 of 100 selected");
        await page.Locator("input.action-select").First.UncheckAsync();
        await Assertions.Expect(question).ToBeHiddenAsync();
        await page.Locator("#action-toggle").CheckAsync();
        await question.ClickAsync();
        await Assertions.Expect(page.GetByText("All 120 users selected")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".action-counter")).ToBeHiddenAsync();

        await page.GetByLabel("Action:").SelectOptionAsync("delete_selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Are you sure?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".deleted-objects li")).ToHaveCountAsync(120);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, I’m sure" }).ClickAsync();

        await Assertions.Expect(page.Locator(".messagelist")).ToContainTextAsync("Successfully deleted 120 users.");
        (await Site.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith("temp")))).Should().Be(0);
        consoleErrors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
    }
}

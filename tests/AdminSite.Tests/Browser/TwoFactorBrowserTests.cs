using AdminSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AdminSite.Tests.Browser;

/// <summary>A person enrols an authenticator app, logs in with a code computed as their phone would, and switches the theme.</summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public sealed class TwoFactorBrowserTests : BrowserFixture
{
    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await Site.CreateUserAsync(new("grace.hopper", Superuser: true, FirstName: "Grace", LastName: "Hopper", Email: "grace@example.com"));
        await Site.CreateUserAsync(new("ada.lovelace", FirstName: "Ada", Email: "=cmd|' /C calc'!A0"));
        await Site.CreateGroupAsync("Editors", "auth.view_user", "auth.change_user");
    }

    [Test]
    public async Task A_superuser_enrols_an_authenticator_logs_in_with_its_code_and_goes_dark()
    {
        var (page, consoleErrors) = await NewPageAsync();
        await LogInAsync(page, "grace.hopper");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Site administration" })).ToBeVisibleAsync();

        // Enrol: the QR code and the key to type, then the code the "phone" shows.
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Two-factor authentication is off")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code holding the key shown next to it" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "two-factor-setup.png");
        var key = await page.Locator("#manual-key").InnerTextAsync();
        await page.GetByLabel("Verification code:").FillAsync(Authenticator.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify and turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".code-list li")).ToHaveCountAsync(10);
        await ScreenshotAsync(page, "two-factor-recovery-codes.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved my recovery codes: continue" }).ClickAsync();

        // Log out and back in: the password, then the code of the moment.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await LogInAsync(page, "grace.hopper");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "login-two-factor.png");
        await page.GetByLabel("Code:").FillAsync(Authenticator.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Site administration" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Two-factor authentication is on")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "two-factor-on.png");

        // The new pages in the light theme.
        await ScreenshotPagesAsync(page, "light");

        // Choose the dark theme: the select submits itself (script), and it sticks to the account.
        await page.GetByLabel("Theme").SelectOptionAsync("dark");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        background.Should().Be("rgb(21, 25, 28)", "the dark palette is applied");
        await ScreenshotPagesAsync(page, "dark");
        (await Site.FindUserAsync("grace.hopper"))!.Theme.Should().Be(AdminSite.Identity.ColorTheme.Dark);

        consoleErrors.Should().BeEmpty("no script error and no Content-Security-Policy violation (the QR code is a data: image)");
    }

    [Test]
    public async Task Without_JavaScript_the_theme_switch_applies_with_its_button_and_auto_follows_the_system()
    {
        var (page, _) = await NewPageAsync(javaScript: false);
        await LogInAsync(page, "ada.lovelace");

        await page.GetByLabel("Theme").SelectOptionAsync("dark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.GetByLabel("Theme").SelectOptionAsync("auto");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "auto");
        // Computed styles are only final once the page's stylesheets have loaded.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        (await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor")).Should().Be("rgb(21, 25, 28)");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        (await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor")).Should().Be("rgb(255, 255, 255)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.GotoAsync("/Identity/Account/Login");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await ScreenshotAsync(page, "login-dark.png");
    }

    private async Task ScreenshotPagesAsync(IPage page, string theme)
    {
        var ada = (await Site.FindUserAsync("ada.lovelace"))!;
        foreach (var (path, name) in new[]
        {
            ("/admin/", "dashboard"),
            ("/admin/auth/user", "users-changelist"),
            ($"/admin/auth/user/{ada.Id}/change", "user-change"),
            ($"/admin/auth/user/deactivate_selected?ids={ada.Id}", "deactivate-confirmation"),
            ("/admin/audit", "audit-log"),
            ("/admin/two_factor", "two-factor"),
        })
        {
            await page.GotoAsync(path);
            await ScreenshotAsync(page, $"{name}-{theme}.png");
        }
    }
}

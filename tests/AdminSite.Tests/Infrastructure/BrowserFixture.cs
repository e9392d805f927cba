using AdminSite.Testing;
using Microsoft.Playwright;

namespace AdminSite.Tests.Infrastructure;

/// <summary>A fixture of browser tests: one Chromium and one site on Kestrel (a browser needs a real port), shared by its tests.</summary>
public abstract class BrowserFixture : SiteFixture
{
    protected BrowserSession Browser { get; private set; } = null!;

    protected override AdminSiteFactory CreateSite() => new(kestrel: true);

    [OneTimeSetUp]
    public async Task LaunchBrowserAsync() => Browser = await BrowserSession.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowserAsync()
    {
        // Null when Chromium is missing: NUnit tears down after a failed set-up too.
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
    }

    /// <summary>A fresh profile on the site; see <see cref="BrowserSession.NewPageAsync"/>.</summary>
    protected Task<(IPage Page, List<string> ConsoleErrors)> NewPageAsync(bool javaScript = true) =>
        Browser.NewPageAsync(Site.ServerAddress, javaScript);

    /// <summary>Opens the login form and logs in with it.</summary>
    protected static async Task LogInAsync(IPage page, string userName, string password = TestData.Password)
    {
        await page.GotoAsync(SiteClient.LoginPath);
        await SubmitLoginAsync(page, userName, password);
    }

    /// <summary>Fills in and submits the login form the page shows, as a person types it.</summary>
    protected static async Task SubmitLoginAsync(IPage page, string userName, string password)
    {
        await page.GetByLabel("Username:").FillAsync(userName);
        await page.GetByLabel("Password:").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>The whole page (or what the viewport shows), into artifacts/screenshots (the README shows some of them).</summary>
    protected static Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots"));
        return page.ScreenshotAsync(new() { Path = Path.Combine(folder.FullName, name), FullPage = fullPage });
    }
}

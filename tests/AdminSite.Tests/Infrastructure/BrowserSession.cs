using Microsoft.Playwright;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright's own browser download is never used (it cannot work
/// offline); a missing browser fails the test with the command that installs one.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ExecutableVariable = "CHROMIUM_PATH";
    public const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : DefaultExecutable;
        if (!File.Exists(executable))
        {
            Assert.Fail($"Chromium was not found at {executable}. Install it with `apt-get install -y chromium` " +
                        $"or point {ExecutableVariable} at a Chromium binary.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A fresh profile (no cookies) that records console errors, such as Content-Security-Policy violations.</summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> NewPageAsync(Uri baseAddress, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) =>
        {
            // ERR_ABORTED is the browser dropping a page's downloads because the test moved on to the next page first.
            if (request.Failure != "net::ERR_ABORTED")
            {
                errors.Add($"{request.Url} failed: {request.Failure}");
            }
        };
        page.Response += (_, response) =>
        {
            // Assets must load: a 4xx/5xx on a stylesheet or script would leave the page unstyled or inert.
            if (response.Status >= 400 && response.Request.ResourceType is "stylesheet" or "script" or "image")
            {
                errors.Add($"{response.Url} answered {response.Status}");
            }
        };
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

using AdminSite.Audit;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AdminSite.Tests.Browser;

/// <summary>
/// The admin at a phone's, a tablet's, a laptop's and a wide screen's width, in the light and the dark theme:
/// the layout facts of <see cref="LayoutFacts"/> on every page, and a screenshot of each into artifacts/screenshots
/// (README's pictures are two of them). One browser and one signed-in page serve every width and theme.
/// </summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public sealed class ResponsiveLayoutTests : BrowserFixture
{
    private static readonly (int Width, int Height)[] Screens = [(390, 844), (768, 1024), (1280, 800), (1920, 1080)];

    private const string Admin = "margaret.hamilton";

    private IPage _page = null!;
    private IPage _anonymous = null!;
    private List<string> _consoleErrors = null!;
    private List<string> _anonymousErrors = null!;
    private string _changeUrl = null!;

    protected override AdminSiteFactory CreateSite() =>
        new(new Dictionary<string, string?> { ["AdminSite:SiteUrl"] = "https://www.example.com/" }, kestrel: true);

    [OneTimeSetUp]
    public async Task SeedAndSignInAsync()
    {
        await Site.CreateGroupAsync("Editors", "auth.view_user", "auth.change_user");
        await Site.CreateGroupAsync("Support", "auth.view_user");
        await Site.CreateUserAsync(new(Admin, Superuser: true, FirstName: "Margaret", LastName: "Hamilton"));
        // Names long and short, hyphenated, spaced and accented; some e-mail addresses longer than any column.
        string[] first = ["Anna", "Bartholomew", "Chiamaka", "Dmitri", "Esperanza", "Fitzgerald", "Grace", "Hedy", "Inès", "Jun", "Kwame", "Linus", "Margit"];
        string[] last = ["Brown", "Featherstonehaugh", "Okonkwo-Adeyemi", "van der Berg", "Nakamura", "Ó Súilleabháin", "Hopper", "Lamarr", "Moreau", "Watanabe", "Mensah"];
        await Site.SeedUsersAsync(Enumerable.Range(0, 130).Select(i => new AdminUser
        {
            UserName = $"{first[i % 13].ToLowerInvariant()}.{last[i % 11].Split(' ')[^1].ToLowerInvariant()}{i:000}",
            FirstName = first[i % 13],
            LastName = last[i % 11],
            Email = $"{first[i % 13].ToLowerInvariant()}.{i:000}@{(i % 3 == 0 ? "department-of-examples.example.com" : "example.com")}",
            IsStaff = i % 4 == 0,
            DateJoined = DateTime.UtcNow.AddDays(-i),
        }));
        var subject = await Site.FindUserAsync("anna.brown000");
        _changeUrl = $"/admin/auth/user/{subject!.Id}/change";
        await SeedAuditAsync(subject.Id);

        (_page, _consoleErrors) = await NewPageAsync();
        await LogInAsync(_page, Admin);
        (_anonymous, _anonymousErrors) = await NewPageAsync();
    }

    [OneTimeTearDown]
    public async Task ClosePagesAsync()
    {
        await _page.Context.CloseAsync();
        await _anonymous.Context.CloseAsync();
    }

    [Test]
    public async Task Every_page_is_usable_at_every_width_in_both_themes()
    {
        var problems = new List<string>();
        foreach (var theme in new[] { ColorTheme.Light, ColorTheme.Dark })
        {
            await Site.WithDbAsync(db => db.Users.Where(u => u.UserName == Admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.Theme, theme)));
            foreach (var (width, height) in Screens)
            {
                await _page.SetViewportSizeAsync(width, height);
                // The change form whole (its pickers are far down); the long lists as far as the screen shows.
                foreach (var (name, path, whole) in new[]
                {
                    ("dashboard", "/admin/", false), ("users-changelist", "/admin/auth/user", false), ("user-change", _changeUrl, true),
                    ("audit-log", "/admin/audit", false),
                })
                {
                    await _page.GotoAsync(path);
                    await Assertions.Expect(_page.Locator("html")).ToHaveAttributeAsync("data-theme", theme.AttributeValue());
                    problems.AddRange((await LayoutFacts.CheckAsync(_page)).Select(p => $"{name} at {width} px, {theme}: {p}"));
                    await ScreenshotAsync(_page, $"{name}-{width}-{theme.AttributeValue()}.png", fullPage: whole);
                }

                // Before signing in the theme is the browser's ("auto").
                await _anonymous.SetViewportSizeAsync(width, height);
                await _anonymous.EmulateMediaAsync(new() { ColorScheme = theme == ColorTheme.Dark ? ColorScheme.Dark : ColorScheme.Light });
                await _anonymous.GotoAsync(SiteClient.LoginPath);
                problems.AddRange((await LayoutFacts.CheckAsync(_anonymous)).Select(p => $"login at {width} px, {theme}: {p}"));
                await ScreenshotAsync(_anonymous, $"login-{width}-{theme.AttributeValue()}.png", fullPage: false);
            }
        }

        problems.Should().BeEmpty("every layout fact should hold, but:\n" + string.Join("\n", problems));
        _consoleErrors.Concat(_anonymousErrors).Should().BeEmpty("no script error and no Content-Security-Policy violation");
    }

    private Task SeedAuditAsync(string subjectId) => Site.WithDbAsync(async db =>
    {
        var start = DateTime.UtcNow.AddHours(-40);
        for (var i = 0; i < 40; i++)
        {
            var changes = new[]
            {
                new FieldChange("First name", "Ann", "Anna"),
                new FieldChange("User permissions", "", "auth | user | Can view user"),
                new FieldChange("Email address", "anna@example.com", "anna.brown000@department-of-examples.example.com"),
            }[..(i % 3 + 1)];
            db.AuditEntries.Add(new AuditEntry
            {
                ActionTime = start.AddHours(i), ActorId = "id-admin", ActorUserName = i % 2 == 0 ? "admin" : Admin,
                ObjectType = "user", ObjectId = subjectId, ObjectRepr = "anna.brown000", Action = AuditAction.Changed,
                ChangedFields = System.Text.Json.JsonSerializer.Serialize(changes.Select(c => c.Field)),
                Changes = System.Text.Json.JsonSerializer.Serialize(changes, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)),
            });
        }

        await db.SaveChangesAsync();
    });
}

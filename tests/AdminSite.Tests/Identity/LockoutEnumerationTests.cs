using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Identity;

/// <summary>"Locked out" appears after the same number of failures whether or not the account exists.</summary>
[TestFixture]
public sealed class LockoutEnumerationTests : SiteFixture
{
    [TestCase("ghost.user", false)]
    [TestCase("retired.user", true)]
    public async Task An_unknown_or_inactive_name_locks_exactly_like_a_real_account(string userName, bool exists)
    {
        if (exists)
        {
            await Site.CreateUserAsync(new(userName, Active: false));
        }

        await Site.CreateUserAsync(new($"real.{userName}"));
        using var client = Site.CreateSiteClient();

        var phantom = await FailFiveTimesAsync(client, userName);
        var real = await FailFiveTimesAsync(client, $"real.{userName}");

        phantom.Should().Equal(real, "each attempt must answer the same for both names");
        phantom.Take(4).Should().OnlyContain(outcome => outcome == "form");
        phantom[4].Should().Be("/Identity/Account/Lockout");
        using var afterwards = await client.TryLogInAsync(userName, TestData.Password);
        SiteClient.RedirectPath(afterwards).Should().Be("/Identity/Account/Lockout", "the name stays locked, right password or not");
    }

    [Test]
    public async Task The_lockout_page_speaks_of_the_username_not_of_an_account()
    {
        using var client = Site.CreateSiteClient();

        var html = Html.Text(await client.GetHtmlAsync("/Identity/Account/Lockout"));

        html.Should().Contain("Too many failed attempts to log in with this username").And.Contain("15 minutes");
        html.Should().NotContain("This account has been locked out");
    }

    [Test]
    public async Task Failures_are_stored_by_bucket_never_by_name()
    {
        using var client = Site.CreateSiteClient();
        (await client.TryLogInAsync("typed.by.a.stranger", "secret-guess")).Dispose();

        var rows = await Site.WithDbAsync(db => db.LoginFailures.AsNoTracking().ToListAsync());

        rows.Should().NotBeEmpty();
        rows.Should().OnlyContain(r => r.Key.StartsWith("name-bucket:", StringComparison.Ordinal) && !r.Key.Contains("STRANGER", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<List<string>> FailFiveTimesAsync(SiteClient client, string userName)
    {
        var outcomes = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await client.TryLogInAsync(userName, "not-the-password");
            outcomes.Add(response.StatusCode == HttpStatusCode.OK
                ? Html.Text(await response.Content.ReadAsStringAsync()).Contains("Please enter the correct username and password", StringComparison.Ordinal) ? "form" : "other"
                : SiteClient.RedirectPath(response));
        }

        return outcomes;
    }
}

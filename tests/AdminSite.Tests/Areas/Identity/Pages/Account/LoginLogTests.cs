using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminSite.Tests.Areas.Identity.Pages.Account;

/// <summary>
/// Every log event of a site, at every level and every category, while people log in, fail, get locked out, use
/// two-factor codes and change passwords: no password reaches any of them.
/// </summary>
[TestFixture]
public sealed class LoginLogTests : SiteFixture
{
    private const string RightPassword = "Right-Login-Passphrase-31";
    private const string WrongPassword = "Wrong-Login-Passphrase-32";
    private const string UnknownUsersPassword = "Unknown-User-Passphrase-33";
    private const string LockoutPassword = "Lockout-Guess-Passphrase-34";
    private const string TwoFactorPassword = "Two-Factor-Passphrase-35";
    private const string NewPassword = "Changed-Own-Passphrase-36";

    private readonly LogCapture _logs = new();

    protected override AdminSiteFactory CreateSite() => new(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    }, configure: host => host.ConfigureLogging(logging =>
    {
        // Captured, not printed as well: at Trace the console would flood the test run's log with every query.
        logging.ClearProviders();
        logging.AddProvider(_logs);
    }));

    [Test]
    public async Task No_password_reaches_any_log_event()
    {
        await Site.CreateUserAsync(new("logged.user", Password: RightPassword));
        await Site.CreateUserAsync(new("locked.user"));
        await Site.CreateUserAsync(new("second.factor", Password: TwoFactorPassword));
        var key = await Site.EnrolAsync("second.factor");
        using var client = Site.CreateSiteClient();

        (await client.TryLogInAsync("logged.user", WrongPassword)).Dispose();
        (await client.TryLogInAsync("nobody.by.that.name", UnknownUsersPassword)).Dispose();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            (await client.TryLogInAsync("locked.user", LockoutPassword)).Dispose();
        }

        await client.LogInAsync("logged.user", RightPassword);
        using var changed = await client.PostFormAsync("/admin/password_change", new()
        {
            ["Input.OldPassword"] = RightPassword, ["Input.NewPassword1"] = NewPassword, ["Input.NewPassword2"] = NewPassword,
        });
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect, "the password change should go through");
        using var twoFactor = await Site.SignedInWithCodeAsync("second.factor", key, TwoFactorPassword);

        var events = _logs.Events;
        events.Should().Contain(e => e.Contains("AdminSite.Requests") && e.Contains("POST Identity/Account/LoginWith2fa answered 302"),
            "the capture should see every request, or it proves nothing");
        events.Count.Should().BeGreaterThan(200, "Trace level logs EF Core's commands and ASP.NET Core's steps");
        foreach (var secret in new[] { RightPassword, WrongPassword, UnknownUsersPassword, LockoutPassword, TwoFactorPassword, NewPassword, key })
        {
            events.Should().NotContain(e => e.Contains(secret), $"'{secret}' was typed into a form or set up during the test");
        }
    }
}

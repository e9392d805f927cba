using System.Net;
using System.Text.RegularExpressions;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace AdminSite.Tests.Infrastructure;

/// <summary>A phone's authenticator app: turns the key the site shows into the code of the moment.</summary>
public static partial class Authenticator
{
    private const int StepSeconds = 30;

    // A code handed out this close to the end of its step could change meaning before the site checks it.
    private const int SafetySeconds = 3;

    // The site takes each time step once per account, so the "phone" hands out a later step each time.
    private static readonly Dictionary<string, long> _lastStepHandedOut = [];

    /// <summary>
    /// A code the site has not seen yet for this key: of the steps it accepts (the current one, one back, one
    /// ahead), the earliest after the last one handed out, waiting for the clock when all three are used. Never
    /// one whose step ends within the next few seconds, so it is still accepted when the request arrives.
    /// </summary>
    public static string Code(string key)
    {
        lock (_lastStepHandedOut)
        {
            while (true)
            {
                var current = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
                var step = Math.Max(current - 1, _lastStepHandedOut.GetValueOrDefault(key, long.MinValue) + 1);
                if (step <= current + 1 && (step > current - 1 || SecondsLeftInStep() > SafetySeconds))
                {
                    _lastStepHandedOut[key] = step;
                    return Totp(key).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);
                }

                Thread.Sleep(TimeSpan.FromSeconds(SecondsLeftInStep()));
            }
        }
    }

    /// <summary>A 6-digit code that is not valid now (nor within the allowed clock drift).</summary>
    public static string WrongCode(string key)
    {
        var totp = Totp(key);
        var near = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(StepSeconds * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    /// <summary>
    /// The code of the step <paramref name="offset"/> steps from now, never from the last 3 s of a step: the
    /// offset must still hold when the site checks the code.
    /// </summary>
    public static string CodeAt(string key, int offset)
    {
        if (SecondsLeftInStep() is var secondsLeft && secondsLeft <= SafetySeconds)
        {
            Thread.Sleep(TimeSpan.FromSeconds(secondsLeft));
        }

        return Totp(key).ComputeTotp(DateTime.UtcNow.AddSeconds(StepSeconds * offset));
    }

    // Whole seconds, rounded up: sleeping this long always reaches the next step.
    private static long SecondsLeftInStep() => StepSeconds - DateTimeOffset.UtcNow.ToUnixTimeSeconds() % StepSeconds;

    private static Totp Totp(string key) => new(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));

    /// <summary>The manual key shown on the setup page.</summary>
    public static string KeyFrom(string html) => WebUtility.HtmlDecode(ManualKey().Match(html).Groups[1].Value);

    /// <summary>The recovery codes shown (once) on a page.</summary>
    public static IReadOnlyList<string> RecoveryCodesFrom(string html) =>
        RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Enrols a user straight through Identity; returns the key.</summary>
    public static async Task<string> EnrolAsync(this AdminSiteFactory site, string userName)
    {
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>Password, then code: the two steps of logging in to an enrolled account.</summary>
    public static async Task<SiteClient> SignedInWithCodeAsync(this AdminSiteFactory site, string userName, string key, string password = TestData.Password)
    {
        var client = site.CreateSiteClient();
        using var first = await client.TryLogInAsync(userName, password);
        SiteClient.RedirectPath(first).Should().StartWith("/Identity/Account/LoginWith2fa");
        using var second = await client.PostFormAsync(SiteClient.RedirectPath(first), new() { ["Input.Code"] = Code(key) });
        SiteClient.RedirectPath(second).Should().Be("/admin/");
        return client;
    }

    [GeneratedRegex("<code id=\"manual-key\"[^>]*>([^<]+)</code>")]
    private static partial Regex ManualKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}

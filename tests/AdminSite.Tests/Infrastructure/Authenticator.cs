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
    public static string Code(string key) => new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp(DateTime.UtcNow);

    /// <summary>A 6-digit code that is not valid now (nor within Identity's allowed clock drift).</summary>
    public static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        var near = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

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

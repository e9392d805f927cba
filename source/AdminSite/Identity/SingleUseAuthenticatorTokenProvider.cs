using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Identity;

/// <summary>
/// Authenticator app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that work once. Identity's own
/// provider accepts a code again and again for as long as it is current, so a code read over a shoulder or
/// from a phishing page could be replayed within minutes. This one remembers the last time step it accepted
/// for each account (a user token, so every replica sees it) and takes only later ones. It allows one step
/// of clock drift either way, as RFC 6238 §5.2 recommends.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<AdminUser>
{
    public const string LoginProvider = "[AdminSite]";
    public const string LastStepToken = "AuthenticatorLastStep";

    private const int StepSeconds = 30;
    private const int AllowedDriftSteps = 1;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AdminUser> manager, AdminUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code comes from the user's app; the site never makes one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AdminUser> manager, AdminUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AdminUser> manager, AdminUser user)
    {
        if (!TwoFactorCode.IsAuthenticatorCode(token)
            || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key
            || Base32.TryDecode(key) is not { } secret)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var matched = Enumerable.Range(-AllowedDriftSteps, 2 * AllowedDriftSteps + 1)
            .Select(offset => now + offset)
            .Where(step => CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(token)))
            .Cast<long?>()
            .FirstOrDefault();
        if (matched is not { } step || step <= await LastUsedStepAsync(manager, user))
        {
            return false;
        }

        // Saved with the user's concurrency stamp: of two requests racing with one code, only one gets through.
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    /// <summary>The 6-digit code of one time step (RFC 4226 dynamic truncation).</summary>
    internal static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static async Task<long> LastUsedStepAsync(UserManager<AdminUser> manager, AdminUser user) =>
        long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken), CultureInfo.InvariantCulture, out var step)
            ? step
            : long.MinValue;
}

using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Identity;

/// <summary>Django's CommonPasswordValidator, with Django's list of 20,000 common passwords.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AdminUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AdminUser> manager, AdminUser user, string? password) =>
        Task.FromResult(Common.Value.Contains((password ?? "").Trim().ToLowerInvariant())
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common." })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("AdminSite.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            set.Add(line.Trim());
        }

        return set;
    }
}

/// <summary>Django's NumericPasswordValidator.</summary>
public sealed class NumericPasswordValidator : IPasswordValidator<AdminUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AdminUser> manager, AdminUser user, string? password) =>
        Task.FromResult(!string.IsNullOrEmpty(password) && password.All(char.IsDigit)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordEntirelyNumeric", Description = "This password is entirely numeric." })
            : IdentityResult.Success);
}

/// <summary>
/// Django's UserAttributeSimilarityValidator: rejects a password too close to the user name, names or
/// e-mail (or any word of them), measured like Python's SequenceMatcher.quick_ratio.
/// </summary>
public sealed partial class UserAttributeSimilarityValidator : IPasswordValidator<AdminUser>
{
    private const double MaxSimilarity = 0.7;

    public Task<IdentityResult> ValidateAsync(UserManager<AdminUser> manager, AdminUser user, string? password)
    {
        var lowered = (password ?? "").ToLowerInvariant();
        (string Name, string? Value)[] attributes =
            [("username", user.UserName), ("first name", user.FirstName), ("last name", user.LastName), ("email address", user.Email)];
        foreach (var (name, value) in attributes)
        {
            if (string.IsNullOrEmpty(value) || lowered.Length == 0)
            {
                continue;
            }

            var whole = value.ToLowerInvariant();
            foreach (var part in NonWord().Split(whole).Append(whole))
            {
                if (!ExceedsMaximumLengthRatio(lowered, part) && QuickRatio(lowered, part) >= MaxSimilarity)
                {
                    return Task.FromResult(IdentityResult.Failed(new IdentityError
                    {
                        Code = "PasswordTooSimilar",
                        Description = $"The password is too similar to the {name}.",
                    }));
                }
            }
        }

        return Task.FromResult(IdentityResult.Success);
    }

    // A value much shorter than the password can never reach the ratio; skipping it is Django's shortcut too.
    private static bool ExceedsMaximumLengthRatio(string password, string value) =>
        password.Length >= 10 * value.Length && value.Length < MaxSimilarity / 2 * password.Length;

    internal static double QuickRatio(string a, string b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1.0;
        }

        var available = new Dictionary<char, int>();
        foreach (var c in b)
        {
            available[c] = available.GetValueOrDefault(c) + 1;
        }

        var matches = 0;
        foreach (var c in a)
        {
            if (available.GetValueOrDefault(c) > 0)
            {
                available[c]--;
                matches++;
            }
        }

        return 2.0 * matches / (a.Length + b.Length);
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();
}

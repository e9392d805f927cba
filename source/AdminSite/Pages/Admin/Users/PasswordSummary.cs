using System.Buffers.Binary;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// What Django's change form shows of a password (its ReadOnlyPasswordHashWidget): "algorithm: pbkdf2_sha512
/// iterations: 100000 salt: a1B2c3****** hash: Zx9Yw8******…", read from ASP.NET Core Identity's stored hash.
/// Salt and hash are masked after their first six characters, as Django's mask_hash does.
/// </summary>
/// <remarks>
/// Identity's formats (PasswordHasher): version 3 is a 0x01 marker byte, then three big-endian 32-bit numbers
/// (the PBKDF2 pseudo-random function: 0 HMAC-SHA1, 1 HMAC-SHA256, 2 HMAC-SHA512; the iteration count; the salt
/// length in bytes), the salt, then the derived key. Version 2 is a 0x00 marker, a 16-byte salt and a 32-byte key,
/// with PBKDF2-HMAC-SHA1 and 1,000 iterations. All of it is base64.
/// </remarks>
public static class PasswordSummary
{
    public const string NoPassword = "No password set.";
    public const string Unknown = "Invalid password format or unknown hashing algorithm.";

    private const int Shown = 6;
    private const int MinimumBytes = 128 / 8;

    /// <summary>The entries to show, as (label, value); a single entry without a value when there is nothing to describe.</summary>
    public static IReadOnlyList<(string Label, string? Value)> Of(string? passwordHash)
    {
        if (string.IsNullOrEmpty(passwordHash))
        {
            return [(NoPassword, null)];
        }

        var bytes = new byte[passwordHash.Length];
        if (!Convert.TryFromBase64String(passwordHash, bytes, out var length))
        {
            return [(Unknown, null)];
        }

        return Parse(bytes.AsSpan(0, length)) is { } parsed
            ? [("algorithm", parsed.Algorithm), ("iterations", parsed.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)),
               ("salt", Mask(parsed.Salt)), ("hash", Mask(parsed.Key))]
            : [(Unknown, null)];
    }

    private static (string Algorithm, uint Iterations, byte[] Salt, byte[] Key)? Parse(ReadOnlySpan<byte> hash)
    {
        switch (hash)
        {
            case [0x00, ..] when hash.Length == 1 + 16 + 32:
                return ("pbkdf2_sha1", 1000, hash.Slice(1, 16).ToArray(), hash[17..].ToArray());
            case [0x01, ..] when hash.Length >= 13:
                var algorithm = BinaryPrimitives.ReadUInt32BigEndian(hash[1..]) switch
                {
                    0 => "pbkdf2_sha1",
                    1 => "pbkdf2_sha256",
                    2 => "pbkdf2_sha512",
                    _ => null,
                };
                var iterations = BinaryPrimitives.ReadUInt32BigEndian(hash[5..]);
                var saltLength = BinaryPrimitives.ReadUInt32BigEndian(hash[9..]);
                if (algorithm is null || iterations == 0 || saltLength < MinimumBytes || hash.Length - 13 - MinimumBytes < saltLength)
                {
                    return null;
                }

                var salt = hash.Slice(13, (int)saltLength);
                return (algorithm, iterations, salt.ToArray(), hash[(13 + (int)saltLength)..].ToArray());
            default:
                return null;
        }
    }

    private static string Mask(byte[] value)
    {
        var text = Convert.ToBase64String(value);
        return text[..Shown] + new string('*', text.Length - Shown);
    }
}

using Microsoft.AspNetCore.Identity;

namespace AdminSite.Identity;

/// <summary>
/// How names and emails are compared (and looked up): NFKC, then upper case, as Django normalises user names with
/// NFKC. So <c>ａｄｍｉｎ</c> (full-width), <c>ADMIN</c> and <c>admin</c> are one name: a second account cannot be
/// made to look like the first, and their failed logins count together.
/// </summary>
public sealed class AdminLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => Normalize(name);

    public string? NormalizeEmail(string? email) => Normalize(email);

    /// <summary>The form a user name is stored in (Django's normalize_username): NFKC, case kept.</summary>
    public static string? StoredForm(string? name) => name is null ? null : Nfkc.Normalize(name);

    // Upper-casing can undo NFKC for a few characters, hence normalising on both sides of it.
    private static string? Normalize(string? value) => value is null ? null : Nfkc.Normalize(Nfkc.Normalize(value).ToUpperInvariant());
}

using System.Globalization;

namespace AdminSite.Pages.Shared;

/// <summary>Text as the admin shows it, on every page.</summary>
public static class Format
{
    /// <summary>Dates: UTC, unambiguous, the same on every server.</summary>
    public static string DateTime(DateTime? value) =>
        value is { } v ? v.ToUniversalTime().ToString("MMM d, yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>A model's verbose name at the start of a heading or sentence, as Django's capfirst.</summary>
    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

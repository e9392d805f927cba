using System.Globalization;

namespace AdminSite.Admin;

/// <summary>Dates as the admin shows them: UTC, unambiguous, the same on every server.</summary>
public static class Format
{
    public static string DateTime(DateTime? value) =>
        value is { } v ? v.ToUniversalTime().ToString("MMM d, yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";
}

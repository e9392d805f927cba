using System.Globalization;
using BuildEngine;

namespace Jenkins;

/// <summary>
/// Single-quoted Groovy string literals for everything the Jenkinsfile writes from the build's data. A control
/// character (a newline or CR from a branch pattern in parameters.json, say) would end the literal or the line and
/// leave a broken or different pipeline, so it is refused with the place it came from.
/// </summary>
public static class GroovyString
{
    /// <param name="value">The text to quote.</param>
    /// <param name="what">What it is, for the error: "branch pattern of target Push".</param>
    public static string Quote(string value, string what)
    {
        var index = value.ToList().FindIndex(IsRefused);
        if (index >= 0)
        {
            var code = ((int)value[index]).ToString("X4", CultureInfo.InvariantCulture);
            throw new BuildDefinitionException(
                $"Jenkinsfile: the {what} holds a control character (U+{code}) at position {index + 1}: '{Printable(value)}'. " +
                "Nothing was written; fix the value (e.g. in .nuke/parameters.json).");
        }
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    // C0 and C1 controls (newline, CR, tab, NUL, NEL...), DEL, and the Unicode line and paragraph separators.
    private static bool IsRefused(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static string Printable(string value) => string.Concat(value.Select(c => IsRefused(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}

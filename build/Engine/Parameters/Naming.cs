using System.Text;

namespace BuildEngine;

/// <summary>One spelling of a name per place it appears: --kebab-case, UPPER_SNAKE, PascalCase, and a match key.</summary>
public static class Naming
{
    public static string ToKebabCase(string pascal) => Split(pascal, '-').ToLowerInvariant();

    public static string ToUpperSnakeCase(string pascal) => Split(pascal, '_').ToUpperInvariant();

    /// <summary>Names match case-insensitively with dashes and underscores ignored, as in NUKE.</summary>
    public static string MatchKey(string name) =>
        new(name.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant).ToArray());

    private static string Split(string pascal, char separator)
    {
        var result = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var startsWord = i > 0 && char.IsUpper(c) &&
                (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1]) ||
                 (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1])));
            if (startsWord)
                result.Append(separator);
            result.Append(c);
        }
        return result.ToString().TrimStart('_');
    }
}

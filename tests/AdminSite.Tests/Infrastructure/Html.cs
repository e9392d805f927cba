using System.Net;
using System.Text.RegularExpressions;

namespace AdminSite.Tests.Infrastructure;

public static partial class Html
{
    /// <summary>The user names in a changelist page, in display order.</summary>
    public static IReadOnlyList<string> ChangeListNames(string html, string field = "username") =>
        Regex.Matches(html, $"<th scope=\"row\" class=\"field-{field}\"><a href=\"[^\"]+\">([^<]*)</a></th>")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToList();

    public static IReadOnlyList<string> Messages(string html) =>
        MessagePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    public static string Text(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("<li class=\"(?:success|warning|error|info)\">([^<]*)</li>")]
    private static partial Regex MessagePattern();
}

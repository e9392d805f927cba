using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Shared;

/// <summary>Where a form may send the browser next (after logging in, after choosing a theme): only a path on this site.</summary>
public static class LocalUrls
{
    public const string Home = "/admin/";

    /// <summary>
    /// <paramref name="url"/> when it is a path on this site, ready for a Location header; anything else (other
    /// hosts, //host, /\host) is the admin home.
    /// </summary>
    public static string OrHome(IUrlHelper helper, string? url) =>
        !string.IsNullOrEmpty(url) && helper.IsLocalUrl(url) ? AsciiOnly(url) : Home;

    /// <summary>
    /// Percent-encodes (as UTF-8) every character a header may not hold: a return URL such as
    /// <c>/admin/auth/user?q=Zoë</c> arrives decoded, and the server refuses to send it back as it is.
    /// </summary>
    public static string AsciiOnly(string url)
    {
        if (url.All(c => c is > ' ' and < '\x7f'))
        {
            return url;
        }

        var encoded = new StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}

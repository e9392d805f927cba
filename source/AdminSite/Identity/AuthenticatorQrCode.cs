using System.Text;
using QRCoder;

namespace AdminSite.Identity;

/// <summary>
/// The otpauth:// URI an authenticator app scans, drawn here as a PNG: no outside QR service ever sees the
/// secret, and a <c>data:</c> image needs nothing from the Content-Security-Policy but <c>img-src data:</c>.
/// </summary>
public static class AuthenticatorQrCode
{
    public static string Uri(string issuer, string userName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(userName)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";

    public static string PngDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule: 5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The key as people copy it: lower case, in groups of four.</summary>
    public static string Readable(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}

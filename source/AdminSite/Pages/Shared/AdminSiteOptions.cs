namespace AdminSite.Pages.Shared;

/// <summary>
/// The <c>AdminSite</c> configuration section: the wording Django calls site_header, site_title and index_title,
/// and its site_url, the "View site" link.
/// </summary>
public sealed class AdminSiteOptions
{
    public const string SectionName = "AdminSite";

    public string SiteHeader { get; set; } = "Administration";

    public string SiteTitle { get; set; } = "Admin site";

    public string IndexTitle { get; set; } = "Site administration";

    /// <summary>
    /// Where the header's "View site" link leads: an http(s) address or a path on this host. Empty (the default)
    /// shows no link, since this site is only the admin ("/" leads back to it); Django's default is "/".
    /// </summary>
    public string? SiteUrl { get; set; }

    /// <summary>True when <see cref="SiteUrl"/> is empty, an absolute http(s) address, or a path on this host (not //host).</summary>
    public bool HasValidSiteUrl() =>
        string.IsNullOrEmpty(SiteUrl)
        || (SiteUrl.StartsWith('/') && !SiteUrl.StartsWith("//", StringComparison.Ordinal) && !SiteUrl.StartsWith("/\\", StringComparison.Ordinal))
        || (Uri.TryCreate(SiteUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}

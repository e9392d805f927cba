namespace AdminSite.Pages.Shared;

/// <summary>The <c>AdminSite</c> configuration section: the wording Django calls site_header, site_title and index_title.</summary>
public sealed class AdminSiteOptions
{
    public const string SectionName = "AdminSite";

    public string SiteHeader { get; set; } = "Administration";

    public string SiteTitle { get; set; } = "Admin site";

    public string IndexTitle { get; set; } = "Site administration";
}

namespace AdminSite.Pages.Shared;

/// <summary>The stylesheets and scripts every page links: the layout and the plain error pages.</summary>
/// <remarks>
/// Each stylesheet is linked on its own, with its version, instead of being <c>@import</c>-ed from one file: an
/// imported file carries no version (a browser could keep a stale part after a deploy), and imports download one
/// after another. The order is the cascade order; <c>responsive.css</c> comes last because it overrides the rest.
/// </remarks>
public static class SiteAssets
{
    public static IReadOnlyList<string> Stylesheets { get; } =
    [
        "/css/theme.css", "/css/layout.css", "/css/nav_sidebar.css", "/css/forms.css", "/css/changelist.css", "/css/pages.css",
        "/css/responsive.css",
    ];

    /// <summary>Progressive enhancement only, one file per widget (every page works without them).</summary>
    public static IReadOnlyList<string> Scripts { get; } = ["/js/actions.js", "/js/select_filter.js", "/js/nav_sidebar.js", "/js/theme.js"];
}

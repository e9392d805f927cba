using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Shared;

/// <summary>Where a form may send the browser next (after logging in, after choosing a theme): only a path on this site.</summary>
public static class LocalUrls
{
    public const string Home = "/admin/";

    /// <summary><paramref name="url"/> when it is a path on this site; anything else (other hosts, //host, /\host) is the admin home.</summary>
    public static string OrHome(IUrlHelper helper, string? url) =>
        !string.IsNullOrEmpty(url) && helper.IsLocalUrl(url) ? url : Home;
}

using System.Reflection;

namespace AdminSite.Observability;

/// <summary>
/// Which build this is: the version MinVer computed from the git tags when the site was built, and the commit
/// the SDK appended to it (<c>1.2.1-alpha.0.3+&lt;sha&gt;</c>). The image build passes both in, as its context has
/// no .git (see AdminSite.csproj).
/// </summary>
public static class SiteVersion
{
    private static readonly string Informational =
        typeof(SiteVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The SemVer version without build metadata, e.g. <c>1.2.1-alpha.0.3</c>.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The git commit the site was built from, or empty when the build did not know it.</summary>
    public static string Commit { get; } = Informational.Split('+') is [_, var commit, ..] ? commit : "";

    /// <summary>For people: the version and the commit's first 12 characters, as the image tag has them.</summary>
    public static string Display { get; } = Commit.Length == 0 ? Version : $"{Version}+{Commit[..Math.Min(12, Commit.Length)]}";
}

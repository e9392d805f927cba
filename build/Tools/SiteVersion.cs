using System.Diagnostics;
using System.Text.RegularExpressions;
using BuildEngine;

namespace Tools;

/// <summary>
/// The site's version: MinVer's, from the git tags, with the settings in the site's project file (tag prefix,
/// minimum). The build asks MSBuild for it rather than computing it again, so the image's labels, the chart's and
/// the version the compiled site shows always agree. The Docker build gets it as a build argument (no .git there).
/// </summary>
public static partial class SiteVersion
{
    public const string Format = "a SemVer version such as 1.2.0 or 1.2.1-alpha.0.3";

    public static readonly ValueRule<string> Rule = ValueRule<string>.Matching(Format, IsValid);

    public static bool IsValid(string? version) => version is not null && Pattern().IsMatch(version);

    /// <summary>What MinVer computes for the project now; restores first, as the MinVer target comes from its package.</summary>
    public static async Task<string> Compute(DotNet dotnet, string project, CancellationToken cancellation = default)
    {
        var output = await dotnet.GetProperty(project, target: "MinVer", property: "MinVerVersion", cancellation);
        // MSBuild prints warnings (MINVER1001 outside a git work tree) before the value.
        var version = output.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.Length > 0) ?? "";
        return IsValid(version)
            ? version
            : throw new BuildFailedException($"MinVer gave '{version}' for {project}, which is not {Format}. MSBuild said:\n{output}");
    }

    /// <summary>The informational version compiled into an assembly (version+commit), or null when there is no such file.</summary>
    public static string? Of(string assembly) => File.Exists(assembly) ? FileVersionInfo.GetVersionInfo(assembly).ProductVersion : null;

    // semver.org's grammar, without the build metadata MinVer does not write.
    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?\z")]
    private static partial Regex Pattern();
}

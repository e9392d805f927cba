using System.Globalization;
using BuildEngine;

namespace Tools;

/// <summary>
/// The helm that runs, and the flags that differ between the two majors the build speaks. Helm 4 deprecates
/// <c>--atomic</c> for <c>--rollback-on-failure</c>, and its <c>--wait</c> takes a strategy: <c>watcher</c> waits
/// with kstatus until every resource is ready (what <c>--rollback-on-failure</c> implies; a bare <c>--wait</c> means
/// the same, but spelled out it fails loudly on a helm that reads <c>--wait</c> as a boolean). Both majors read
/// <c>--timeout</c> as a Go duration and keep <c>--history-max</c>.
/// </summary>
public sealed record HelmVersion(string Text, int Major)
{
    public static readonly IReadOnlyList<int> SupportedMajors = [4, 3];

    /// <summary>Roll a failed rollout back (a failed first install is removed) after waiting for readiness.</summary>
    public IReadOnlyList<string> RollbackOnFailure => Major == 3 ? ["--atomic", "--wait"] : ["--rollback-on-failure", "--wait=watcher"];

    /// <summary>Wait until the resources are ready (rollback) or gone (uninstall).</summary>
    public string Wait => Major == 3 ? "--wait" : "--wait=watcher";

    /// <summary>Reads <c>helm version --template {{.Version}}</c> ("v4.1.4"); refuses what it cannot speak.</summary>
    public static HelmVersion Parse(string output, string executable)
    {
        var text = output.Trim();
        var major = text.StartsWith('v') && int.TryParse(text[1..].Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : (int?)null;
        if (major is null)
            throw new BuildFailedException($"{executable} reports version '{text}', which is not a helm version (v<major>.<minor>.<patch>).");
        if (!SupportedMajors.Contains(major.Value))
        {
            throw new BuildFailedException(
                $"{executable} is helm {text}; the build speaks Helm 4 and Helm 3 (their rollback and wait flags differ). " +
                "Put one of them on PATH or pass --helm-path (./build.sh Prerequisites installs the pinned Helm 4).");
        }
        return new HelmVersion(text, major.Value);
    }

    public override string ToString() => Text;
}

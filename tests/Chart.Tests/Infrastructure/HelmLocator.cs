namespace Chart.Tests.Infrastructure;

/// <summary>
/// Finds the real helm binary of one major for the tests: <c>HELM4_PATH</c> / <c>HELM3_PATH</c> win (./build.sh Test
/// sets them to the pinned binaries), else the newest <c>.nuke/temp/tools/helm-v&lt;major&gt;.*/helm</c> that
/// ./build.sh Prerequisites installed. There is deliberately no skip when one is missing: a test that silently does
/// not run on a major proves nothing for it, so the tests fail and say how to install it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes, as on the Linux agents.
public static class HelmLocator
{
    public static string Variable(int major) => $"HELM{major}_PATH";

    public static string InstallHint(int major) =>
        $"Run `./build.sh Prerequisites` from the repository root (./build.sh Test does it first): it installs the pinned Helm {major} " +
        $"into .nuke/temp/tools. Or set {Variable(major)} to a Helm {major} binary.";

    public static string Find(int major, Func<string, string?> environment, string repositoryRoot)
    {
        var variable = Variable(major);
        var explicitPath = environment(variable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return IsExecutableFile(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new HelmNotFoundException($"{variable} is '{explicitPath}', which is not an executable file. {InstallHint(major)}");
        }

        var tools = Path.Combine(repositoryRoot, ".nuke", "temp", "tools");
        var installed = Directory.Exists(tools)
            ? Directory.GetDirectories(tools, $"helm-v{major}.*")
                .Select(directory => (Version: Version.TryParse(Path.GetFileName(directory)["helm-v".Length..], out var version) ? version : null, Helm: Path.Combine(directory, "helm")))
                .Where(candidate => candidate.Version is not null && IsExecutableFile(candidate.Helm))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Helm)
                .FirstOrDefault()
            : null;
        return installed ?? throw new HelmNotFoundException($"No Helm {major} for the tests: {variable} is not set and {tools} holds no helm-v{major}.*/helm. {InstallHint(major)}");
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}

public sealed class HelmNotFoundException(string message) : Exception(message);

namespace Chart.Tests.Infrastructure;

/// <summary>
/// Finds the real helm binary: <c>HELM_PATH</c> wins (CI pins one), else the first executable <c>helm</c> on
/// <c>PATH</c>. There is deliberately no skip when helm is missing: a chart test that silently does not run
/// proves nothing, so the tests fail and say how to install it.
/// </summary>
public static class HelmLocator
{
    public const string InstallHint =
        "Install helm v3 with `./build.sh Prerequisites` from the repository root (./build.sh Test does it first), or set HELM_PATH to a helm v3 binary.";

    public static string Find(Func<string, string?> environment)
    {
        var explicitPath = environment("HELM_PATH");
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return IsExecutableFile(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new HelmNotFoundException($"HELM_PATH is '{explicitPath}', which is not an executable file. {InstallHint}");
        }

        var searchPath = environment("PATH") ?? "";
        foreach (var directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "helm");
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        throw new HelmNotFoundException($"helm was not found on PATH ({searchPath}). {InstallHint}");
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

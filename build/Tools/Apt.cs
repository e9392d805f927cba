using BuildEngine;

namespace Tools;

/// <summary>Debian packages: installs the ones that are missing, as root, and says what to do otherwise.</summary>
public sealed class Apt(IProcessRunner runner)
{
    private static readonly Dictionary<string, string?> NonInteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    public async Task<IReadOnlyList<string>> Missing(IEnumerable<string> packages, CancellationToken cancellation = default)
    {
        var missing = new List<string>();
        foreach (var package in packages)
        {
            var status = await runner.RunAsync(new ToolCommand("dpkg-query", ["--show", "--showformat=${db:Status-Status}", package])
            {
                Quiet = true,
                AllowFailure = true,
            }, cancellation);
            if (status.StandardOutput.Trim() != "installed")
                missing.Add(package);
        }
        return missing;
    }

    public async Task EnsureInstalled(IReadOnlyList<string> packages, bool isRoot, CancellationToken cancellation = default)
    {
        var missing = await Missing(packages, cancellation);
        if (missing.Count == 0)
            return;
        if (!isRoot)
            throw new BuildFailedException($"Missing Debian packages: {string.Join(' ', missing)}. Install them (sudo apt-get install {string.Join(' ', missing)}) or run as root.");

        Log.Information($"Installing {string.Join(", ", missing)}...");
        await runner.RunAsync(new ToolCommand("apt-get", ["update", "-qq"]) { Environment = NonInteractive, Quiet = true }, cancellation);
        await runner.RunAsync(new ToolCommand("apt-get", ["install", "-y", "-qq", "--no-install-recommends", .. missing])
        {
            Environment = NonInteractive,
            Quiet = true,
            MissingHint = "E2E needs Debian (apt-get).",
        }, cancellation);
    }
}

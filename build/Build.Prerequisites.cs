using BuildEngine;
using Tools;

partial class Build
{
    [Parameter("Chromium (or Chrome) for the browser tests", EnvironmentVariable = "CHROMIUM_PATH")]
    readonly string ChromiumPath = "/usr/bin/chromium";

    [Parameter("Helm executable (default: helm on PATH)")]
    readonly AbsolutePath? HelmPath;

    /// <summary>Where Prerequisites installs the tools it fetches.</summary>
    AbsolutePath ToolsDirectory => TemporaryDirectory / "tools";

    /// <summary>--helm-path, else helm on PATH, else the copy Prerequisites installed.</summary>
    string? HelmExecutable => HelmPath?.Value ?? ExecutableLocator.Find("helm", EnvironmentVariables) ?? InstalledHelm;

    string? InstalledHelm => HelmInstaller.InstalledPath(ToolsDirectory) is var installed && installed.FileExists() ? installed.Value : null;
    Helm Helm => new(Runner, HelmExecutable ?? "helm", RootDirectory);

    Target Prerequisites => _ => _
        .Description("Checks the tools the tests need (Chromium, Helm 3, the local dotnet tools) and installs missing ones where it can")
        // First: a missing tool is reported before a clean or a compile has taken its time.
        .Before(Clean, Restore)
        .Executes(async () =>
        {
            await EnsureChromium();
            // pwsh: the build script tests run build.ps1 as well as build.sh.
            await DotNet.ToolRestore();
            var helm = HelmExecutable ?? await new HelmInstaller(Runner).Install(ToolsDirectory);
            var version = (await new Helm(Runner, helm, RootDirectory).Version()).StandardOutput.Trim();
            if (!version.StartsWith("v3.", StringComparison.Ordinal))
                throw new BuildFailedException($"{helm} is helm {version}; the chart and Deploy need Helm 3 (Helm 4 renamed --atomic).");
            Log.Information($"helm {version} at {helm}; Chromium at {ChromiumPath}.");
        });

    /// <summary>Debian's chromium is the browser the Playwright tests drive; Playwright's own download is not used.</summary>
    async Task EnsureChromium()
    {
        if (File.Exists(ChromiumPath))
            return;
        if (ChromiumPath == "/usr/bin/chromium" && UnixUser.IsRoot && ExecutableLocator.Find("apt-get", EnvironmentVariables) is not null)
        {
            await new Apt(Runner).EnsureInstalled(["chromium", "fonts-dejavu-core"], isRoot: true);
            if (File.Exists(ChromiumPath))
                return;
        }
        throw new BuildFailedException(
            $"The browser tests need Chromium at {ChromiumPath}. Install it (Debian: sudo apt-get install chromium) " +
            "or point CHROMIUM_PATH at a Chromium or Chrome binary.");
    }
}

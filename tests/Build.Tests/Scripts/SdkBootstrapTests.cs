using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using BuildEngine;
using E2E;

namespace BuildTests.Scripts;

/// <summary>
/// Without a dotnet that global.json accepts, build.sh and build.ps1 install the SDK global.json names into
/// .nuke/temp/dotnet-unix and use it; a second run reuses it. The official dotnet-install.sh cannot be downloaded
/// here, so a loopback server serves the repository's stand-in for it (build/E2E/DotNetInstall, same options and feed
/// layout, and it checks sdk/&lt;version&gt; exists afterwards as the real script does) and a feed with a minimal SDK
/// archive: a fake dotnet that records what it is asked, and the sdk/&lt;version&gt; folder.
/// </summary>
[UnsupportedOSPlatform("windows")]
[TestFixture("build.sh")]
[TestFixture("build.ps1")]
public sealed class SdkBootstrapTests(string script)
{
    private const string Version = "10.0.100";

    private const string InstalledDotNet = """
        #!/bin/bash
        printf 'installed: %s\n' "$*" >> "$FAKE_DOTNET_LOG"
        case "$1" in
          --version) echo 10.0.100 ;;
          build) ;;
          *) printf 'ran by the installed dotnet: %s\n' "${1##*/}" ;;
        esac
        """;

    private AbsolutePath _root = null!;
    private LoopbackFileServer _server = null!;
    private Dictionary<string, string> _environment = null!;

    private string DotNetLog => File.Exists(_root / "dotnet.log") ? File.ReadAllText(_root / "dotnet.log") : "";
    private AbsolutePath InstalledSdk => _root / ".nuke" / "temp" / "dotnet-unix";

    [SetUp]
    public void CreateScratchRepositoryAndFeed()
    {
        var repository = AbsolutePath.Create(RepositoryRoot.Path);
        _root = AbsolutePath.Create(Directory.CreateTempSubdirectory("sdk-bootstrap-").FullName);
        foreach (var file in new[] { script, "Directory.Build.props", "Directory.Packages.props", "build/_build.csproj", "build/Build.cs" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_root / file)!);
            File.Copy(repository / file, _root / file);
        }
        File.WriteAllText(_root / "global.json", $$"""{ "sdk": { "version": "{{Version}}", "rollForward": "latestFeature" } }""");
        var assembly = _root / "build" / "bin" / "Debug" / "net10.0" / "_build.dll";
        Directory.CreateDirectory(assembly.Parent);
        File.WriteAllText(assembly, "");
        File.SetLastWriteTimeUtc(assembly, DateTime.UtcNow.AddMinutes(5));

        var site = _root / "site";
        Directory.CreateDirectory(site / "feed" / "Sdk" / Version);
        File.Copy(repository / "build" / "E2E" / "DotNetInstall" / "dotnet-install.stand-in.sh", site / "dotnet-install.sh");
        WriteSdkArchive(site / "feed" / "Sdk" / Version / $"dotnet-sdk-{Version}-linux-x64.tar.gz");
        _server = LoopbackFileServer.Start(site);

        var tools = BuildScript.ToolFolder(_root / "tools", "bash", "sh", "dirname", "find", "grep", "head", "sed", "tr", "uname",
            "mktemp", "mkdir", "rm", "tar", "gzip", "touch", "curl", "cat");
        _environment = new()
        {
            ["PATH"] = tools,
            ["FAKE_DOTNET_LOG"] = _root / "dotnet.log",
            ["DOTNET_INSTALL_SCRIPT_URL"] = $"{_server.BaseAddress}/dotnet-install.sh",
            ["DOTNET_INSTALL_FEED"] = $"{_server.BaseAddress}/feed",
        };
    }

    [TearDown]
    public async Task DeleteScratchRepository()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Without_dotnet_the_SDK_global_json_names_is_installed_into_nuke_temp_used_and_reused()
    {
        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(0, output);
        output.Should().Contain($"Installing the .NET SDK {Version} into .nuke/temp/dotnet-unix: there is no dotnet on PATH");
        output.Should().Contain("ran by the installed dotnet: _build.dll");
        File.Exists(InstalledSdk / "dotnet").Should().BeTrue();
        Directory.Exists(InstalledSdk / "sdk" / Version).Should().BeTrue();
        _server.Requests.Should().Equal("GET /dotnet-install.sh 200", $"GET /feed/Sdk/{Version}/sdk-productVersion.txt 404",
            $"GET /feed/Sdk/{Version}/productVersion.txt 404", $"GET /feed/Sdk/{Version}/dotnet-sdk-{Version}-linux-x64.tar.gz 200");

        _server.Requests.Clear();
        var (again, secondOutput) = Run("Test");

        again.Should().Be(0, secondOutput);
        secondOutput.Should().NotContain("Installing").And.Contain("ran by the installed dotnet: _build.dll");
        _server.Requests.Should().BeEmpty("the second run reuses the SDK in .nuke/temp/dotnet-unix");
    }

    [Test]
    public void A_dotnet_whose_SDKs_global_json_rejects_is_passed_over_for_the_installed_SDK()
    {
        var system = _root / "system-dotnet";
        Directory.CreateDirectory(system);
        File.WriteAllText(system / "dotnet", """
            #!/bin/bash
            printf 'system: %s\n' "$*" >> "$FAKE_DOTNET_LOG"
            echo "A compatible .NET SDK was not found. Requested SDK version: 10.0.100" >&2
            exit 145
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(system / "dotnet", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _environment["PATH"] = $"{system}:{_environment["PATH"]}";
        File.SetLastWriteTimeUtc(_root / "build" / "bin" / "Debug" / "net10.0" / "_build.dll", DateTime.UtcNow.AddMinutes(-5));

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(0, output);
        output.Should().Contain($"Installing the .NET SDK {Version} into .nuke/temp/dotnet-unix: the dotnet on PATH has no SDK that global.json ({Version}) accepts");
        DotNetLog.Should().Contain("system: --version").And.Contain("installed: build ").And.Contain("installed: " + (_root / "build" / "bin"));
        output.Should().Contain($"Compiling the build (dotnet {Version})");
    }

    [Test]
    public void An_install_script_that_cannot_be_downloaded_stops_with_exit_code_2_and_says_what_to_do()
    {
        _environment["DOTNET_INSTALL_SCRIPT_URL"] = $"{_server.BaseAddress}/no-such-script.sh";

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(2, output);
        output.Should().Contain($"could not download the .NET install script from {_server.BaseAddress}/no-such-script.sh");
        output.Should().Contain($"Install the .NET SDK {Version} (https://dot.net), or set DOTNET_INSTALL_SCRIPT_URL");
        Directory.Exists(InstalledSdk).Should().BeFalse();
    }

    [Test]
    public void A_feed_without_the_SDK_stops_with_exit_code_2_and_leaves_no_half_install()
    {
        File.WriteAllText(_root / "global.json", """{ "sdk": { "version": "10.0.999" } }""");

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(2, output);
        output.Should().Contain("Could not find `.NET Core SDK` with version = 10.0.999");
        output.Should().Contain("installing the .NET SDK 10.0.999 failed (see above)").And.Contain("DOTNET_INSTALL_FEED");
        Directory.Exists(InstalledSdk).Should().BeFalse();
    }

    private (int ExitCode, string Output) Run(params string[] arguments) => BuildScript.Run(script, _root, _environment, arguments);

    private static void WriteSdkArchive(AbsolutePath path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        var dotnet = new PaxTarEntry(TarEntryType.RegularFile, "dotnet")
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(InstalledDotNet.ReplaceLineEndings("\n") + "\n")),
        };
        tar.WriteEntry(dotnet);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"sdk/{Version}/.version") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Version + "\n")) });
    }
}

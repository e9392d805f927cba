using System.Security.Cryptography;
using System.Text;
using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// No image can be pulled here, so the Dockerfile's default base images are made locally under their exact names:
/// a debootstrapped Debian 12 with this machine's .NET, CA bundle and apt configuration, shaped like the official
/// images (APP_UID 1654, port 8080, and on the SDK image Ubuntu 24.04's uid 1000 user, which the test stage must
/// cope with). The root filesystem is cached as a tarball; images carry a label saying what they were built from.
/// </summary>
public sealed class StandInImages(IProcessRunner runner, Docker docker, AbsolutePath cacheDirectory)
{
    public const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    public const string RuntimeImage = "mcr.microsoft.com/dotnet/aspnet:10.0";
    private const string Suite = "bookworm";
    private const string Packages = "ca-certificates,libicu72,libssl3,zlib1g,libstdc++6,libgcc-s1,tzdata";
    private const string RecipeVersion = "2";
    private const string StampLabel = "admin-site.standin";

    /// <summary>The debootstrapped Debian both stand-ins start from (and the Jenkins rehearsal's node image, without .NET).</summary>
    public static string BaseImage => $"admin-site-standin/debian:{Key}";

    private static string Key => $"{Suite}-minbase-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Packages}|{RecipeVersion}")))[..12]}";

    public async Task Ensure(CancellationToken cancellation = default)
    {
        var key = Key;
        var dotnet = DotNetRoot();
        var sdkVersion = Newest(dotnet / "sdk");
        var runtimeVersion = Newest(dotnet / "shared" / "Microsoft.NETCore.App");
        // Restores in the images behave like restores on this machine, whose NuGet settings it reaches NuGet with.
        var revocation = System.Environment.GetEnvironmentVariable("NUGET_CERT_REVOCATION_MODE") is { Length: > 0 } mode ? mode : "online";
        var stamp = $"{key}-sdk{sdkVersion}-rt{runtimeVersion}-nuget{revocation}";

        if (await docker.ImageLabel(SdkImage, StampLabel, cancellation) == stamp &&
            await docker.ImageLabel(RuntimeImage, StampLabel, cancellation) == stamp)
        {
            Log.Information($"Stand-in base images are current ({stamp}).");
            return;
        }

        var baseImage = BaseImage;
        if (!await docker.ImageExists(baseImage, cancellation))
        {
            var tarball = await RootFileSystem(key, cancellation);
            await docker.Import(tarball, baseImage, """CMD ["bash"]""", cancellation);
        }

        var contexts = Directory.CreateTempSubdirectory("standin-").FullName;
        try
        {
            var runtimeContext = AbsolutePath.Create(Path.Combine(contexts, "aspnet"));
            var sdkContext = AbsolutePath.Create(Path.Combine(contexts, "sdk"));
            Directory.CreateDirectory(runtimeContext / "dotnet" / "shared");
            Directory.CreateDirectory(runtimeContext / "certs");
            Directory.CreateDirectory(sdkContext / "dotnet");
            foreach (var entry in Directory.EnumerateFileSystemEntries(dotnet))
            {
                var name = Path.GetFileName(entry);
                if (name is "shared")
                    continue;
                var isRuntime = name is "dotnet" or "host" or "LICENSE.txt" or "ThirdPartyNotices.txt";
                await Link(entry, (isRuntime ? runtimeContext : sdkContext) / "dotnet", cancellation);
            }
            await Link(dotnet / "shared" / "Microsoft.NETCore.App", runtimeContext / "dotnet" / "shared", cancellation);
            await Link(dotnet / "shared" / "Microsoft.AspNetCore.App", runtimeContext / "dotnet" / "shared", cancellation);
            File.Copy("/etc/ssl/certs/ca-certificates.crt", runtimeContext / "ca-certificates.crt");
            foreach (var certificate in Directory.Exists("/usr/local/share/ca-certificates") ? Directory.GetFiles("/usr/local/share/ca-certificates", "*.crt") : [])
                File.Copy(certificate, runtimeContext / "certs" / Path.GetFileName(certificate));
            await File.WriteAllTextAsync(runtimeContext / "Dockerfile", RuntimeDockerfile, cancellation);
            await File.WriteAllTextAsync(sdkContext / "Dockerfile", SdkDockerfile, cancellation);

            await docker.Build(build => build.SetContext(runtimeContext).AddTag(RuntimeImage).AddLabel(StampLabel, stamp)
                .AddBuildArg("BASE", baseImage).AddBuildArg("DOTNET_VERSION", runtimeVersion), cancellation);
            await docker.Build(build => build.SetContext(sdkContext).AddTag(SdkImage).AddLabel(StampLabel, stamp).SetNetwork("host")
                .AddBuildArg("DOTNET_SDK_VERSION", sdkVersion).AddBuildArg("NUGET_CERT_REVOCATION_MODE", revocation), cancellation);
        }
        finally
        {
            Directory.Delete(contexts, recursive: true);
        }
    }

    /// <summary>debootstrap (minbase) with this machine's apt configuration, trimmed like the official slim images.</summary>
    private async Task<string> RootFileSystem(string key, CancellationToken cancellation)
    {
        var tarball = cacheDirectory / $"rootfs-{key}.tar";
        if (tarball.FileExists())
            return tarball;

        Directory.CreateDirectory(cacheDirectory);
        var rootfs = AbsolutePath.Create(Directory.CreateTempSubdirectory("rootfs-").FullName);
        try
        {
            Log.Information($"debootstrap {Suite} (about a minute; cached in {tarball})...");
            await runner.RunAsync(new ToolCommand("debootstrap", ["--variant=minbase", $"--include={Packages}", Suite, rootfs])
            {
                Quiet = true,
                MissingHint = "apt-get install debootstrap",
            }, cancellation);

            // The same mirror, suites (chromium comes from bookworm-security) and apt settings as this machine.
            File.Delete(rootfs / "etc" / "apt" / "sources.list");
            await runner.RunAsync(new ToolCommand("cp", ["-a", "/etc/apt/sources.list.d/.", rootfs / "etc" / "apt" / "sources.list.d"]) { Quiet = true }, cancellation);
            await runner.RunAsync(new ToolCommand("cp", ["-a", "/etc/apt/apt.conf.d/.", rootfs / "etc" / "apt" / "apt.conf.d"]) { Quiet = true }, cancellation);
            foreach (var disabled in Directory.GetFiles(rootfs / "etc" / "apt" / "sources.list.d").Where(file => !file.EndsWith(".sources", StringComparison.Ordinal) && !file.EndsWith(".list", StringComparison.Ordinal)))
                File.Delete(disabled);
            await File.WriteAllTextAsync(rootfs / "etc" / "dpkg" / "dpkg.cfg.d" / "docker-slim", """
                path-exclude /usr/share/doc/*
                path-include /usr/share/doc/*/copyright
                path-exclude /usr/share/man/*
                path-exclude /usr/share/info/*
                path-exclude /usr/share/locale/*
                path-include /usr/share/locale/locale.alias
                force-unsafe-io

                """, cancellation);
            // Package lists and downloaded .debs are what debootstrap leaves behind; images never ship them.
            foreach (var folder in new[] { "var/lib/apt/lists", "var/cache/apt/archives" })
            {
                foreach (var file in new DirectoryInfo(rootfs / folder).GetFiles())
                    file.Delete();
            }

            await runner.RunAsync(new ToolCommand("tar", ["--numeric-owner", "-C", rootfs, "-cf", tarball + ".tmp", "."]) { Quiet = true }, cancellation);
            File.Move(tarball + ".tmp", tarball, overwrite: true);
            return tarball;
        }
        finally
        {
            await runner.RunAsync(new ToolCommand("rm", ["-rf", rootfs]) { Quiet = true, AllowFailure = true }, CancellationToken.None);
        }
    }

    /// <summary>Hard links when the context is on the same file system as .NET (instant), else a copy.</summary>
    private async Task Link(string source, string targetDirectory, CancellationToken cancellation)
    {
        var linked = await runner.RunAsync(new ToolCommand("cp", ["-al", source, targetDirectory]) { Quiet = true, AllowFailure = true }, cancellation);
        if (!linked.Succeeded)
            await runner.RunAsync(new ToolCommand("cp", ["-a", source, targetDirectory]) { Quiet = true }, cancellation);
    }

    internal static AbsolutePath DotNetRoot()
    {
        var muxer = new FileInfo("/usr/bin/dotnet").ResolveLinkTarget(returnFinalTarget: true)?.FullName
            ?? Path.Combine(System.Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet", "dotnet");
        return AbsolutePath.Create(Path.GetDirectoryName(muxer)!);
    }

    internal static string Newest(string directory) =>
        Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>()
            .Where(name => char.IsDigit(name[0]))
            .OrderBy(name => Version.TryParse(name.Split('-')[0], out var version) ? version : new Version())
            .LastOrDefault() ?? throw new BuildFailedException($"No .NET version found in {directory}.");

    private const string RuntimeDockerfile = """
        # Stand-in for mcr.microsoft.com/dotnet/aspnet:10.0: Debian 12 and this machine's .NET runtimes.
        ARG BASE
        FROM $BASE
        ARG DOTNET_VERSION
        ENV APP_UID=1654 \
            ASPNETCORE_HTTP_PORTS=8080 \
            DOTNET_RUNNING_IN_CONTAINER=true \
            DOTNET_VERSION=$DOTNET_VERSION \
            ASPNET_VERSION=$DOTNET_VERSION \
            DOTNET_ROOT=/usr/share/dotnet
        COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
        COPY certs/ /usr/local/share/ca-certificates/
        RUN groupadd --gid=$APP_UID app && useradd --no-log-init --uid=$APP_UID --gid=$APP_UID --create-home app
        COPY dotnet/ /usr/share/dotnet/
        RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet

        """;

    private const string SdkDockerfile = """
        # Stand-in for mcr.microsoft.com/dotnet/sdk:10.0, layered on the aspnet stand-in like the official image.
        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        ARG DOTNET_SDK_VERSION
        ARG NUGET_CERT_REVOCATION_MODE=online
        ENV DOTNET_SDK_VERSION=$DOTNET_SDK_VERSION \
            DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
            DOTNET_NOLOGO=true \
            DOTNET_CLI_TELEMETRY_OPTOUT=true \
            DOTNET_USE_POLLING_FILE_WATCHER=true \
            NUGET_XMLDOC_MODE=skip \
            NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE
        RUN apt-get update \
            && apt-get install -y --no-install-recommends curl git wget \
            && rm -rf /var/lib/apt/lists/*
        # Ubuntu 24.04, the real base, ships uid/gid 1000 'ubuntu': the test stage must cope with it.
        RUN groupadd --gid=1000 ubuntu && useradd --no-log-init --uid=1000 --gid=1000 --create-home --shell /bin/bash ubuntu
        COPY dotnet/ /usr/share/dotnet/

        """;
}

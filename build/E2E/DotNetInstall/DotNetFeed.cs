using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using BuildEngine;

namespace E2E;

/// <summary>
/// dot.net's stand-in on loopback, for build.sh's SDK bootstrap on a node without .NET: the stand-in install script
/// (<c>dotnet-install.stand-in.sh</c>, served as dotnet-install.sh) and a feed holding one SDK archive made from this
/// machine's SDK. The feed serves it for the version global.json names, and its sdk-productVersion.txt says which
/// SDK that is (the real feeds' way of naming a folder's product version): global.json's rollForward accepts it, and
/// it is the only SDK this machine has to give. The archive leaves out what compiling the build never loads
/// (F#, templates, the bundled dotnet tools) and is cached by SDK version.
/// </summary>
public sealed class DotNetFeed : IAsyncDisposable
{
    private const string ArchiveRecipe = "1";
    private static readonly string[] LeftOut = ["templates", "sdk/*/FSharp", "sdk/*/DotnetTools"];
    private readonly LoopbackFileServer _server;

    private DotNetFeed(LoopbackFileServer server, string archivePath)
    {
        _server = server;
        ArchivePath = archivePath;
    }

    public string ScriptUrl => $"{_server.BaseAddress}/dotnet-install.sh";
    public string FeedUrl => $"{_server.BaseAddress}/feed";

    /// <summary>The request path of the SDK archive: how often it was fetched tells whether an install was reused.</summary>
    public string ArchivePath { get; }

    public int Downloads(string path) => _server.Requests.Count(request => request == $"GET {path} 200");

    public static async Task<DotNetFeed> Start(AbsolutePath repository, AbsolutePath directory, CancellationToken cancellation = default)
    {
        var requested = GlobalJsonVersion(repository / "global.json");
        var dotnet = StandInImages.DotNetRoot();
        var product = StandInImages.Newest(dotnet / "sdk");
        var archive = directory / "cache" / $"dotnet-sdk-{product}-linux-x64.recipe{ArchiveRecipe}.tar.gz";
        if (!archive.FileExists())
        {
            Log.Information($"Packing this machine's SDK {product} as the feed's archive (cached in {archive})...");
            Directory.CreateDirectory(archive.Parent);
            await Pack(dotnet, archive + ".tmp", cancellation);
            File.Move(archive + ".tmp", archive, overwrite: true);
        }

        var site = directory / "site";
        if (site.DirectoryExists())
            Directory.Delete(site, recursive: true);
        var version = site / "feed" / "Sdk" / requested;
        Directory.CreateDirectory(version);
        File.Copy(repository / "build" / "E2E" / "DotNetInstall" / "dotnet-install.stand-in.sh", site / "dotnet-install.sh");
        await File.WriteAllTextAsync(version / "sdk-productVersion.txt", product + "\n", cancellation);
        var name = $"dotnet-sdk-{product}-linux-x64.tar.gz";
        File.CreateSymbolicLink(version / name, archive);
        return new DotNetFeed(LoopbackFileServer.Start(site), $"/feed/Sdk/{requested}/{name}");
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static string GlobalJsonVersion(AbsolutePath globalJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(globalJson));
        return document.RootElement.GetProperty("sdk").GetProperty("version").GetString()
            ?? throw new BuildFailedException($"{globalJson} names no SDK version.");
    }

    private static async Task Pack(AbsolutePath dotnet, string archive, CancellationToken cancellation)
    {
        await using var file = File.Create(archive);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dotnet, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dotnet, entry).Replace('\\', '/');
            if (LeftOut.Any(pattern => IsUnder(relative, pattern)) || Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null)
                continue;
            await tar.WriteEntryAsync(entry, relative, cancellation);
        }
    }

    private static bool IsUnder(string relative, string pattern)
    {
        var parts = relative.Split('/');
        var wanted = pattern.Split('/');
        return parts.Length >= wanted.Length && wanted.Select((part, index) => part == "*" || part == parts[index]).All(match => match);
    }
}

using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// Debian's docker-registry (the CNCF distribution registry) on 127.0.0.1 in place of Amazon ECR: the same
/// push/pull/digest protocol. Docker allows plain HTTP to 127.0.0.0/8 registries without configuration.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly BackgroundProcess _process;

    private LocalRegistry(BackgroundProcess process, string host)
    {
        _process = process;
        Host = host;
    }

    /// <summary>host:port, as image references use it.</summary>
    public string Host { get; }

    public static async Task<LocalRegistry> Start(AbsolutePath directory, CancellationToken cancellation = default)
    {
        var host = $"127.0.0.1:{FreePort.Next()}";
        // Every rehearsal starts from an empty registry, as a fresh ECR repository would be.
        if ((directory / "data").DirectoryExists())
            Directory.Delete(directory / "data", recursive: true);
        Directory.CreateDirectory(directory / "data");
        var config = directory / "config.yml";
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {directory / "data"}
              delete:
                enabled: true
            http:
              addr: {host}
            """, cancellation);

        var process = BackgroundProcess.Start("docker-registry",
            new ToolCommand("docker-registry", ["serve", config]) { MissingHint = "apt-get install docker-registry" },
            directory / "registry.log");
        using var http = new HttpClient();
        return await Startup.ReadyOrDisposed(new LocalRegistry(process, host), () => process.WaitUntil(
            async () => (await http.GetAsync($"http://{host}/v2/", cancellation)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), cancellation));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

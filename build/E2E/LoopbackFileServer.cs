using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BuildEngine;

namespace E2E;

/// <summary>
/// A folder served over plain HTTP on 127.0.0.1 (GET and HEAD), standing in for the download sites the real road
/// uses (the dotnet-install script, the SDK feed), which nothing here can reach. Port 0: the kernel picks a free
/// port atomically. Every request is recorded, so a test can tell whether something was downloaded again.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly AbsolutePath _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoopbackFileServer(AbsolutePath root)
    {
        _root = root;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = AcceptAsync();
    }

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>, no trailing slash.</summary>
    public string BaseAddress { get; }

    /// <summary>"GET /Sdk/10.0.100/… 200", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static LoopbackFileServer Start(AbsolutePath root) => new(root);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => RespondAsync(client));
        }
    }

    private async Task RespondAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                var (method, path) = await ReadRequestLineAsync(stream);
                var file = Resolve(path);
                var found = file is not null && (method is "GET" or "HEAD");
                Requests.Enqueue($"{method} {path} {(found ? 200 : 404)}");
                // The length of what is read, not FileInfo.Length: for a symbolic link that is the link's own size.
                await using var content = found ? File.OpenRead(file!) : null;
                var header = content is not null
                    ? $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n"
                    : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header), _stop.Token);
                if (content is not null && method == "GET")
                    await content.CopyToAsync(stream, _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // The client went away, or the server is stopping: nothing to answer.
            }
        }
    }

    private async Task<(string Method, string Path)> ReadRequestLineAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
            if (count == 0)
                break;
            read += count;
            if (Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                break;
        }
        var parts = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0].Split(' ');
        return parts.Length >= 2 ? (parts[0], parts[1]) : ("", "/");
    }

    /// <summary>The file a request path names inside the served folder, or null (never anything outside it).</summary>
    private string? Resolve(string path)
    {
        var relative = Uri.UnescapeDataString(path.Split('?')[0]).TrimStart('/');
        if (relative.Length == 0)
            return null;
        var full = Path.GetFullPath(relative, _root);
        return full.StartsWith(_root.Value + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}

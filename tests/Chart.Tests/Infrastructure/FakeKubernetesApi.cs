using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Chart.Tests.Infrastructure;

/// <summary>
/// Just enough of a Kubernetes API server on 127.0.0.1 for `helm template --dry-run=server` to run the
/// chart's <c>lookup</c> calls: core/v1 discovery and GET of the Secrets a test put in. Everything else is
/// a 404 Status, like a cluster without that object. No real cluster can run on the build machines, and
/// this is how a test proves what an upgrade against a live release renders.
/// </summary>
public sealed class FakeKubernetesApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, object> _objects = new();
    private readonly Task _serving;

    public FakeKubernetesApi()
    {
        var port = FreePort();
        BaseAddress = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseAddress);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
        KubeconfigPath = Path.Combine(Directory.CreateTempSubdirectory("chart-tests-kube-").FullName, "kubeconfig");
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {BaseAddress.TrimEnd('/')}
            users:
              - name: fake
                user: {"{}"}
            contexts:
              - name: fake
                context:
                  cluster: fake
                  user: fake
            current-context: fake
            """);
    }

    public string BaseAddress { get; }

    public string KubeconfigPath { get; }

    /// <summary>The paths helm requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The environment that points helm at this server.</summary>
    public IReadOnlyDictionary<string, string> HelmEnvironment => new Dictionary<string, string> { ["KUBECONFIG"] = KubeconfigPath };

    public void AddSecret(string @namespace, string name, IReadOnlyDictionary<string, string> data) =>
        _objects[$"/api/v1/namespaces/{@namespace}/secrets/{name}"] = new
        {
            apiVersion = "v1",
            kind = "Secret",
            metadata = new { name, @namespace },
            type = "Opaque",
            data = data.ToDictionary(pair => pair.Key, pair => Convert.ToBase64String(Encoding.UTF8.GetBytes(pair.Value))),
        };

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync: that is how serving ends.
        }

        Directory.Delete(Path.GetDirectoryName(KubeconfigPath)!, recursive: true);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue(path);
            var (status, body) = Respond(path);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, object Body) Respond(string path) => path switch
    {
        "/version" => (200, new { major = "1", minor = "31", gitVersion = "v1.31.0", platform = "linux/amd64" }),
        "/api" => (200, new { kind = "APIVersions", versions = new[] { "v1" }, serverAddressByClientCIDRs = Array.Empty<object>() }),
        "/apis" => (200, new { kind = "APIGroupList", apiVersion = "v1", groups = Array.Empty<object>() }),
        "/api/v1" => (200, new
        {
            kind = "APIResourceList",
            groupVersion = "v1",
            resources = new[] { new { name = "secrets", singularName = "secret", @namespaced = true, kind = "Secret", verbs = new[] { "get", "list" } } },
        }),
        _ when _objects.TryGetValue(path, out var found) => (200, found),
        _ => (404, new { kind = "Status", apiVersion = "v1", status = "Failure", reason = "NotFound", code = 404 }),
    };

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chart.Tests.Infrastructure;

/// <summary>
/// Just enough of a Kubernetes API server on 127.0.0.1 for `helm template --dry-run=server` to run the
/// chart's <c>lookup</c> calls: core/v1 discovery and GET of the Secrets a test put in. Everything else is
/// a 404 Status, like a cluster without that object. No real cluster can run on the build machines, and
/// this is how a test proves what an upgrade against a live release renders.
/// </summary>
/// <remarks>
/// Kestrel binds port 0, so the kernel picks a free port atomically. (HttpListener needed a port chosen
/// beforehand, and its managed Linux implementation re-binds that port when closed after Stop: both
/// failed now and then with "Address already in use" while other fixtures ran helm side by side.)
/// </remarks>
public sealed class FakeKubernetesApi : IDisposable
{
    private readonly ConcurrentDictionary<string, (object Body, IReadOnlyDictionary<string, string> Labels)> _objects = new();
    private readonly WebApplication _server;

    public FakeKubernetesApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Urls.Add("http://127.0.0.1:0");
        _server.Run(RespondAsync);
        _server.StartAsync().GetAwaiter().GetResult();

        // Once started, Urls holds the address Kestrel actually bound.
        BaseAddress = _server.Urls.Single();
        KubeconfigPath = Path.Combine(Directory.CreateTempSubdirectory("chart-tests-kube-").FullName, "kubeconfig");
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {BaseAddress}
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

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseAddress { get; }

    public string KubeconfigPath { get; }

    /// <summary>The paths helm requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The environment that points helm at this server.</summary>
    public IReadOnlyDictionary<string, string> HelmEnvironment => new Dictionary<string, string> { ["KUBECONFIG"] = KubeconfigPath };

    /// <summary>A Secret as a release installed it: labelled and annotated as the release's, as Helm 4 checks before it adopts one.</summary>
    public void AddSecret(string @namespace, string name, string release, IReadOnlyDictionary<string, string> data)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "Helm" };
        _objects[$"/api/v1/namespaces/{@namespace}/secrets/{name}"] = (new
        {
            apiVersion = "v1",
            kind = "Secret",
            metadata = new
            {
                name,
                @namespace,
                labels,
                annotations = new Dictionary<string, string> { ["meta.helm.sh/release-name"] = release, ["meta.helm.sh/release-namespace"] = @namespace },
            },
            type = "Opaque",
            data = data.ToDictionary(pair => pair.Key, pair => Convert.ToBase64String(Encoding.UTF8.GetBytes(pair.Value))),
        }, labels);
    }

    public void Dispose()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        _server.StopAsync(timeout.Token).GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(Path.GetDirectoryName(KubeconfigPath)!, recursive: true);
    }

    private Task RespondAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(path);
        var (status, body) = context.Request.Method == HttpMethods.Get && path.EndsWith("/secrets", StringComparison.Ordinal)
            ? (200, List(path, context.Request.Query["labelSelector"].ToString()))
            : Respond(path);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private (int Status, object Body) Respond(string path) => path switch
    {
        "/version" => (200, new { major = "1", minor = "31", gitVersion = "v1.31.0", platform = "linux/amd64" }),
        "/api" => (200, new { kind = "APIVersions", versions = new[] { "v1" }, serverAddressByClientCIDRs = Array.Empty<object>() }),
        "/apis" => (200, new
        {
            kind = "APIGroupList",
            apiVersion = "v1",
            groups = _groups.Keys.Where(groupVersion => groupVersion.Contains('/')).Select(groupVersion => new
            {
                name = groupVersion.Split('/')[0],
                versions = new[] { new { groupVersion, version = groupVersion.Split('/')[1] } },
                preferredVersion = new { groupVersion, version = groupVersion.Split('/')[1] },
            }),
        }),
        _ when Discovery(path) is { } groupVersion => (200, new
        {
            kind = "APIResourceList",
            groupVersion,
            resources = _groups[groupVersion].Select(resource => new
            {
                name = resource.Plural,
                singularName = resource.Kind.ToLowerInvariant(),
                @namespaced = resource.Kind != "Namespace",
                kind = resource.Kind,
                verbs = new[] { "get", "list" },
            }),
        }),
        _ when _objects.TryGetValue(path, out var found) => (200, found.Body),
        _ => (404, new { kind = "Status", apiVersion = "v1", status = "Failure", reason = "NotFound", code = 404 }),
    };

    /// <summary>
    /// A list of the Secrets in a namespace that match a <c>key=value,...</c> selector: how helm reads its release
    /// storage. No release here carries helm's owner=helm label, so helm finds no release and carries on.
    /// </summary>
    private object List(string path, string selector)
    {
        var wanted = selector.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).ToList();
        var items = _objects
            .Where(found => found.Key.StartsWith(path + "/", StringComparison.Ordinal) &&
                wanted.All(pair => found.Value.Labels.TryGetValue(pair[0], out var value) && value == pair.ElementAtOrDefault(1)))
            .Select(found => found.Value.Body);
        return new { kind = "SecretList", apiVersion = "v1", metadata = new { resourceVersion = "1" }, items };
    }

    /// <summary>
    /// The kinds the chart renders, so helm can map every rendered object to a resource (Helm 4 builds them all on
    /// --dry-run=server, even with --show-only); only Secrets are ever looked up.
    /// </summary>
    private static readonly Dictionary<string, (string Kind, string Plural)[]> _groups = new()
    {
        ["v1"] = [("Secret", "secrets"), ("ServiceAccount", "serviceaccounts"), ("PersistentVolumeClaim", "persistentvolumeclaims"),
                  ("Service", "services"), ("Pod", "pods"), ("Namespace", "namespaces")],
        ["apps/v1"] = [("Deployment", "deployments")],
        ["policy/v1"] = [("PodDisruptionBudget", "poddisruptionbudgets")],
        ["autoscaling/v2"] = [("HorizontalPodAutoscaler", "horizontalpodautoscalers")],
        ["networking.k8s.io/v1"] = [("Ingress", "ingresses"), ("NetworkPolicy", "networkpolicies")],
        // The Prometheus Operator's CRDs, as a cluster running it serves them.
        ["monitoring.coreos.com/v1"] = [("ServiceMonitor", "servicemonitors"), ("PrometheusRule", "prometheusrules")],
    };

    private static string? Discovery(string path) => path switch
    {
        "/api/v1" => "v1",
        _ when path.StartsWith("/apis/", StringComparison.Ordinal) && _groups.ContainsKey(path["/apis/".Length..]) => path["/apis/".Length..],
        _ => null,
    };
}

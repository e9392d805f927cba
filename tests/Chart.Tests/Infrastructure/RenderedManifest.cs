using YamlDotNet.RepresentationModel;

namespace Chart.Tests.Infrastructure;

/// <summary>
/// The resources of one `helm template` run, with accessors named after what the tests talk about:
/// the Deployment, its pod spec, the site and migration containers, the Service and Ingress, the test hook pod.
/// </summary>
public sealed class RenderedManifest
{
    private RenderedManifest(IReadOnlyList<Node> resources) => Resources = resources;

    public IReadOnlyList<Node> Resources { get; }

    public static RenderedManifest Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        var resources = stream.Documents
            .Where(document => document.RootNode is YamlMappingNode mapping && mapping.Children.Count > 0)
            .Select(document =>
            {
                var root = (YamlMappingNode)document.RootNode;
                var kind = root.Children.TryGetValue(new YamlScalarNode("kind"), out var k) ? k.ToString() : "?";
                var name = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var m) &&
                    m is YamlMappingNode metadata && metadata.Children.TryGetValue(new YamlScalarNode("name"), out var n)
                    ? n.ToString() : "?";
                return Node.Root(root, $"{kind}/{name}");
            })
            .ToList();
        return new RenderedManifest(resources);
    }

    public IReadOnlyList<string> Kinds => Resources.Select(resource => resource["kind"].String).ToList();

    public IReadOnlyList<Node> OfKind(string kind) => Resources.Where(resource => resource["kind"].String == kind).ToList();

    public bool Has(string kind) => OfKind(kind).Count > 0;

    /// <summary>The only resource of that kind; fails the test when there are none or several.</summary>
    public Node Single(string kind)
    {
        var matches = OfKind(kind);
        Assert.That(matches, NUnit.Framework.Has.Count.EqualTo(1), () => $"expected exactly one {kind}, rendered: {string.Join(", ", Kinds)}");
        return matches[0];
    }

    public Node Deployment => Single("Deployment");

    /// <summary>The site's Service (the metrics Service of the ServiceMonitor aside).</summary>
    public Node Service
    {
        get
        {
            var services = OfKind("Service").Where(service => !service["metadata"]["name"].String.EndsWith("-metrics", StringComparison.Ordinal)).ToList();
            Assert.That(services, NUnit.Framework.Has.Count.EqualTo(1), () => $"expected exactly one Service besides the metrics one, rendered: {string.Join(", ", Kinds)}");
            return services[0];
        }
    }

    public Node Ingress => Single("Ingress");

    public Node PodTemplate => Deployment["spec"]["template"];

    public Node PodSpec => PodTemplate["spec"];

    public Node SiteContainer => PodSpec["containers"].Named("admin-site");

    public Node MigrateContainer => PodSpec["initContainers"].Named("migrate");

    /// <summary>The pod `helm test` runs (the only Pod with a helm.sh/hook annotation of test).</summary>
    public Node TestPod
    {
        get
        {
            var hooks = OfKind("Pod").Where(pod => pod["metadata"]["annotations"]["helm.sh/hook"] is { Exists: true } hook && hook.String == "test").ToList();
            Assert.That(hooks, NUnit.Framework.Has.Count.EqualTo(1), "expected exactly one helm test hook pod");
            return hooks[0];
        }
    }

    /// <summary>A container's env entries by name.</summary>
    public static IReadOnlyDictionary<string, Node> Env(Node container) =>
        container["env"].Items.ToDictionary(item => item["name"].String);
}

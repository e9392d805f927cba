using System.Text.Json.Nodes;
using BuildEngine;
using ChartDocs;
using YamlDotNet.RepresentationModel;

namespace E2E;

/// <summary>What <c>helm template</c> rendered, one JSON object per manifest, looked up by kind.</summary>
public sealed class RenderedChart
{
    private readonly IReadOnlyList<JsonObject> _manifests;

    private RenderedChart(IReadOnlyList<JsonObject> manifests) => _manifests = manifests;

    public static RenderedChart Parse(string rendered)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(rendered));
        // Empty documents (a template that rendered nothing) have no mapping at their root.
        return new RenderedChart(stream.Documents
            .Select(document => document.RootNode is YamlMappingNode root ? YamlJson.Convert(root) as JsonObject : null)
            .OfType<JsonObject>()
            .ToList());
    }

    public IEnumerable<string> Kinds => _manifests.Select(manifest => (string)manifest["kind"]!);

    /// <summary>A deep copy, so adapting it never changes the render it came from.</summary>
    public JsonObject Single(string kind, Func<JsonObject, bool>? where = null)
    {
        var matches = _manifests.Where(manifest => (string?)manifest["kind"] == kind && (where?.Invoke(manifest) ?? true)).ToList();
        return matches.Count == 1
            ? (JsonObject)matches[0].DeepClone()
            : throw new BuildFailedException($"The chart rendered {matches.Count} {kind} manifests where the rehearsal expects one (kinds: {string.Join(", ", Kinds)}).");
    }

    public JsonObject Deployment => Single("Deployment");

    /// <summary>The pod <c>helm test</c> runs: a Pod with the helm.sh/hook=test annotation.</summary>
    public JsonObject TestPod => Single("Pod", pod => (string?)pod["metadata"]?["annotations"]?["helm.sh/hook"] == "test");

    public JsonObject Secret(string name) => Single("Secret", secret => (string?)secret["metadata"]?["name"] == name);
}

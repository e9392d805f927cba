using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chart.Tests.Infrastructure;

namespace Chart.Tests.Values;

/// <summary>
/// values.yaml and values.schema.json stay in step: every value is documented by a `## @param` comment that
/// starts with its own name, every closed object rejects unknown keys, and the schema knows every value.
/// (The schema is generated from those comments; these tests hold the generated result to the chart's rules.)
/// </summary>
[TestFixture]
public partial class ValuesDocumentationTests
{
    /// <summary>Objects passed through to Kubernetes verbatim; the API server validates their fields.</summary>
    private static readonly string[] _passThrough = ["global", "podSecurityContext", "securityContext", "affinity", "extraEnv[].valueFrom"];

    /// <summary>Kubernetes Probe fields a probe accepts although the defaults leave them unset (one handler at most).</summary>
    private static readonly string[] _probeFields = ["httpGet", "exec", "tcpSocket", "grpc", "initialDelaySeconds", "successThreshold", "terminationGracePeriodSeconds"];

    private static readonly string[] _probes = ["livenessProbe", "readinessProbe", "startupProbe"];

    private static string ValuesPath => Path.Combine(RepositoryPaths.Chart, "values.yaml");

    private static JsonObject Schema => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Chart, "values.schema.json")))!.AsObject();

    [Test]
    public void Values_yaml_points_editors_at_the_schema() =>
        File.ReadLines(ValuesPath).First().Should().Be("# yaml-language-server: $schema=values.schema.json");

    [Test]
    public void The_schema_is_draft_07_and_closed_at_the_root()
    {
        Schema["$schema"]!.GetValue<string>().Should().Be("http://json-schema.org/draft-07/schema#");
        Schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public void Every_object_with_known_properties_is_closed_unless_passed_through()
    {
        var open = ObjectSchemas(Schema, "")
            .Where(entry => entry.Schema["properties"] is not null && !_passThrough.Contains(entry.Path))
            .Where(entry => entry.Schema["additionalProperties"]?.GetValue<bool>() != false)
            .Select(entry => entry.Path);

        open.Should().BeEmpty();
    }

    [Test]
    public void Every_schema_property_has_a_description()
    {
        var undocumented = ObjectSchemas(Schema, "")
            .Where(entry => !_passThrough.Contains(entry.Path))
            .SelectMany(entry => (entry.Schema["properties"]?.AsObject() ?? []).Select(p => (Path: Join(entry.Path, p.Key), Schema: p.Value!)))
            .Where(p => p.Schema["description"] is null)
            .Select(p => p.Path);

        undocumented.Should().BeEmpty();
    }

    [Test]
    public void Every_key_of_values_yaml_is_in_the_schema_and_every_schema_property_in_values_yaml()
    {
        var valueKeys = ValueKeys().Select(key => key.Path).ToHashSet();
        var schemaKeys = ObjectSchemas(Schema, "")
            .Where(entry => !_passThrough.Contains(entry.Path) && !entry.Path.Contains("[]", StringComparison.Ordinal) && entry.Path != "resources")
            .SelectMany(entry => (entry.Schema["properties"]?.AsObject() ?? []).Select(p => Join(entry.Path, p.Key)))
            .Where(path => path != "global" && !path.StartsWith("resources.", StringComparison.Ordinal))
            .ToHashSet();

        schemaKeys.Where(path => !IsUnsetProbeField(path)).Except(valueKeys).Should().BeEmpty("every value in the schema has a default in values.yaml");
        valueKeys.Where(key => !IsInsidePassThrough(key) && !key.StartsWith("resources.", StringComparison.Ordinal))
            .Except(schemaKeys).Should().BeEmpty("every value in values.yaml is typed in the schema");
    }

    [Test]
    public void Every_value_is_documented_by_a_comment_starting_with_its_name_or_by_its_parent()
    {
        var undocumented = new List<string>();
        var documented = new HashSet<string>();
        foreach (var key in ValueKeys())
        {
            var parent = key.Path.Contains('.', StringComparison.Ordinal) ? key.Path[..key.Path.LastIndexOf('.')] : null;
            if (parent is not null && documented.Contains(parent))
            {
                documented.Add(key.Path);
                continue;
            }

            if (key.Comment.StartsWith($"## @param {key.Path} ", StringComparison.Ordinal))
            {
                documented.Add(key.Path);
            }
            else if (!key.IsGroup)
            {
                undocumented.Add($"{key.Path} (comment: '{key.Comment}')");
            }
        }

        undocumented.Should().BeEmpty();
    }

    private sealed record ValueKey(string Path, string Comment, bool IsGroup);

    /// <summary>
    /// The keys of values.yaml with their dotted paths and the first line of the comment block right above
    /// them. A group is a key whose value is a nested mapping (documented by its children's comments).
    /// </summary>
    private static IEnumerable<ValueKey> ValueKeys()
    {
        var lines = File.ReadAllLines(ValuesPath);
        var stack = new List<(int Indent, string Name)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = KeyLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var indent = match.Groups["indent"].Length;
            stack.RemoveAll(entry => entry.Indent >= indent);
            stack.Add((indent, match.Groups["key"].Value));
            var commentStart = i;
            while (commentStart > 0 && lines[commentStart - 1].TrimStart().StartsWith('#'))
            {
                commentStart--;
            }

            var comment = commentStart < i ? lines[commentStart].Trim() : "";
            var nextContent = lines.Skip(i + 1).FirstOrDefault(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'));
            var isGroup = match.Groups["value"].Value.Length == 0 && nextContent is not null &&
                KeyLine().Match(nextContent) is { Success: true } next && next.Groups["indent"].Length > indent;
            yield return new ValueKey(string.Join('.', stack.Select(entry => entry.Name)), comment, isGroup);
        }
    }

    private static IEnumerable<(string Path, JsonObject Schema)> ObjectSchemas(JsonObject schema, string path)
    {
        yield return (path, schema);
        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            foreach (var nested in ObjectSchemas(child!.AsObject(), Join(path, name)))
            {
                yield return nested;
            }
        }

        if (schema["items"] is JsonObject items)
        {
            foreach (var nested in ObjectSchemas(items, path + "[]"))
            {
                yield return nested;
            }
        }
    }

    private static bool IsInsidePassThrough(string key) =>
        _passThrough.Any(prefix => key.StartsWith(prefix + ".", StringComparison.Ordinal));

    private static bool IsUnsetProbeField(string path) =>
        path.Split('.') is [var probe, var field, ..] && _probes.Contains(probe) && _probeFields.Contains(field);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z][A-Za-z0-9]*):(?: (?<value>.*))?$")]
    private static partial Regex KeyLine();
}

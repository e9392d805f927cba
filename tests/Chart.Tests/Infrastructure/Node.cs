using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chart.Tests.Infrastructure;

/// <summary>
/// Read-only navigation over a parsed YAML node that never throws on a missing key: <c>pod["spec"]["x"]</c>
/// is a node that does not <see cref="Exists"/>, and reading its value fails the test with the full path.
/// </summary>
public sealed class Node
{
    private readonly YamlNode? _node;

    private Node(YamlNode? node, string path)
    {
        _node = node;
        Path = path;
    }

    public string Path { get; }

    public bool Exists => _node is not null;

    public Node this[string key] => new(
        _node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null,
        $"{Path}.{key}");

    public Node this[int index] => new(
        _node is YamlSequenceNode sequence && index < sequence.Children.Count ? sequence.Children[index] : null,
        $"{Path}[{index}]");

    /// <summary>The scalar's text; fails the test when the node is missing or not a scalar.</summary>
    public string String => (_node as YamlScalarNode)?.Value ?? throw Missing("a scalar");

    public int Int => int.Parse(String, CultureInfo.InvariantCulture);

    public bool Bool => String switch
    {
        "true" => true,
        "false" => false,
        var other => throw new AssertionException($"{Path} is '{other}', not a YAML boolean"),
    };

    /// <summary>True when YAML reads the scalar as a string (quoted, or plain but not a number/bool/null).</summary>
    public bool IsStringScalar => _node is YamlScalarNode scalar && scalar.Value is { } value &&
        (scalar.Style is not ScalarStyle.Plain ||
         !(value is "true" or "false" or "null" or "~" || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)));

    public IReadOnlyList<Node> Items => _node switch
    {
        YamlSequenceNode sequence => sequence.Children.Select((child, i) => new Node(child, $"{Path}[{i}]")).ToList(),
        null => [],
        _ => throw Missing("a sequence"),
    };

    public IReadOnlyList<string> Strings => Items.Select(item => item.String).ToList();

    public IReadOnlyDictionary<string, string> StringMap => _node switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!, pair => (pair.Value as YamlScalarNode)?.Value ?? pair.Value.ToString()),
        null => new Dictionary<string, string>(),
        _ => throw Missing("a mapping"),
    };

    public IReadOnlyList<string> Keys => _node is YamlMappingNode mapping
        ? mapping.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList()
        : [];

    /// <summary>The item of a list of named objects (containers, env, volumes, ports) with that name.</summary>
    public Node Named(string name)
    {
        var matches = Items.Where(item => item["name"].Exists && item["name"].String == name).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => new Node(null, $"{Path}[name={name}]"),
            _ => throw new AssertionException($"{Path} has {matches.Count} items named {name}"),
        };
    }

    /// <summary>The names of a list of named objects, in order.</summary>
    public IReadOnlyList<string> Names => Items.Select(item => item["name"].String).ToList();

    /// <summary>A key-order-independent rendering of the node, to compare two subtrees for equality.</summary>
    public string Canonical => _node is null ? "<missing>" : Canonicalize(_node);

    public static Node Root(YamlNode node, string path) => new(node, path);

    public override string ToString() => _node is null ? $"{Path} (missing)" : $"{Path}: {_node}";

    private static string Canonicalize(YamlNode node) => node switch
    {
        YamlScalarNode scalar => JsonSerializer.Serialize(scalar.Value),
        YamlSequenceNode sequence => $"[{string.Join(',', sequence.Children.Select(Canonicalize))}]",
        YamlMappingNode mapping => "{" + string.Join(',', mapping.Children
            .Select(pair => $"{Canonicalize(pair.Key)}:{Canonicalize(pair.Value)}")
            .Order(StringComparer.Ordinal)) + "}",
        _ => node.ToString(),
    };

    private AssertionException Missing(string expected) =>
        new(_node is null ? $"{Path} is missing, expected {expected}" : $"{Path} is not {expected}: {_node}");
}

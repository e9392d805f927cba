using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChartDocs;

/// <summary>
/// values.yaml read once: the defaults and the `## @param` annotations, checked against each other. Every key
/// is documented by its own @param or an ancestor's; a mapping whose keys have their own @param is a group
/// (a closed object in the schema), and then every one of its keys needs one.
/// </summary>
public sealed class ChartValues
{
    private readonly Dictionary<string, ValueAnnotation> _byPath;

    private ChartValues(JsonObject defaults, IReadOnlyList<ValueAnnotation> annotations, string fileName)
    {
        FileName = fileName;
        Defaults = defaults;
        Annotations = annotations;
        _byPath = annotations.ToDictionary(annotation => annotation.Path);
    }

    /// <summary>How errors name the file, e.g. chart/values.yaml.</summary>
    public string FileName { get; }

    public JsonObject Defaults { get; }

    /// <summary>In file order.</summary>
    public IReadOnlyList<ValueAnnotation> Annotations { get; }

    public static ChartValues Parse(string yaml, string fileName = "values.yaml")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw ValuesComments.Error(fileName, (int)exception.Start.Line, exception.Message);
        }

        var defaults = stream.Documents.Count == 0 ? [] : YamlJson.Convert(stream.Documents[0].RootNode) as JsonObject
            ?? throw new ChartDocsException($"{fileName}: the values are not a mapping.");
        var values = new ChartValues(defaults, ValuesComments.Read(yaml, fileName), fileName);
        values.Check(fileName);
        return values;
    }

    public ValueAnnotation? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The default at a dotted path; false when values.yaml has no such key.</summary>
    public bool TryGetDefault(string path, out JsonNode? value)
    {
        JsonNode? node = Defaults;
        foreach (var name in path.Split('.'))
        {
            if (node is not JsonObject mapping || !mapping.TryGetPropertyValue(name, out node))
            {
                value = null;
                return false;
            }
        }
        value = node;
        return true;
    }

    /// <summary>A mapping whose keys carry their own @param (the root always is one).</summary>
    public bool IsGroup(string path, JsonNode? value) =>
        value is JsonObject mapping && (path.Length == 0 || mapping.Any(child => _byPath.ContainsKey(Join(path, child.Key))));

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private void Check(string fileName)
    {
        foreach (var annotation in Annotations.Where(annotation => !TryGetDefault(annotation.Path, out _)))
            throw ValuesComments.Error(fileName, annotation.Line, $"'## @param {annotation.Path}' names no key of values.yaml.");
        var undocumented = new List<string>();
        CollectUndocumented("", Defaults, undocumented);
        if (undocumented.Count > 0)
        {
            throw new ChartDocsException($"{fileName}: {string.Join(", ", undocumented)} need a '## @param <path> <description>' " +
                "comment (inside a group every key needs its own).");
        }
    }

    private void CollectUndocumented(string path, JsonObject group, List<string> undocumented)
    {
        foreach (var (key, value) in group)
        {
            var child = Join(path, key);
            if (!_byPath.ContainsKey(child))
                undocumented.Add(child);
            else if (IsGroup(child, value))
                CollectUndocumented(child, (JsonObject)value!, undocumented);
        }
    }
}

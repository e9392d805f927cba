using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace ChartDocs;

/// <summary>
/// values.schema.fragment.yaml: the root's extra keywords (title, global, allOf rules across values) and the
/// named definitions that `$ref: '#/definitions/name'` pulls in. A $ref is replaced by a copy of its definition
/// with the keywords beside it merged over, so the generated schema needs no $ref at all.
/// </summary>
public sealed class SchemaFragment
{
    private const string RefPrefix = "#/definitions/";
    private readonly JsonObject _definitions;
    private readonly string _fileName;

    private SchemaFragment(JsonObject root, JsonObject definitions, string fileName)
    {
        Root = root;
        _definitions = definitions;
        _fileName = fileName;
    }

    /// <summary>Keywords merged into the schema's root, with every $ref resolved.</summary>
    public JsonObject Root { get; }

    public static SchemaFragment Parse(string yaml, string fileName = "values.schema.fragment.yaml")
    {
        JsonObject root;
        try
        {
            root = YamlJson.Parse(yaml) as JsonObject ?? [];
        }
        catch (YamlException exception)
        {
            throw ValuesComments.Error(fileName, (int)exception.Start.Line, exception.Message);
        }

        var definitions = root["definitions"] as JsonObject ?? [];
        root.Remove("definitions");
        var fragment = new SchemaFragment([], definitions, fileName);
        JsonMerge.Into(fragment.Root, (JsonObject)fragment.Resolve(root, [])!);
        return fragment;
    }

    /// <summary>A copy of the schema with every $ref replaced by its definition.</summary>
    public JsonNode? Resolve(JsonNode? schema) => Resolve(schema, []);

    private JsonNode? Resolve(JsonNode? schema, IReadOnlyList<string> resolving)
    {
        switch (schema)
        {
            case JsonArray array:
                return new JsonArray(array.Select(item => Resolve(item, resolving)).ToArray());
            case JsonObject mapping:
                var resolved = new JsonObject();
                if (mapping["$ref"] is JsonValue reference)
                    JsonMerge.Into(resolved, Definition(reference.ToString(), resolving));
                foreach (var (key, value) in mapping.Where(entry => entry.Key != "$ref"))
                {
                    var child = Resolve(value, resolving);
                    if (resolved[key] is JsonObject existing && child is JsonObject overlay)
                        JsonMerge.Into(existing, overlay);
                    else
                        resolved[key] = child;
                }
                return resolved;
            default:
                return schema?.DeepClone();
        }
    }

    private JsonObject Definition(string reference, IReadOnlyList<string> resolving)
    {
        var name = reference.StartsWith(RefPrefix, StringComparison.Ordinal) ? reference[RefPrefix.Length..] : null;
        if (name is null || _definitions[name] is not JsonObject definition)
        {
            throw new ChartDocsException($"$ref '{reference}' names no definition in {_fileName} " +
                $"(known: {string.Join(", ", _definitions.Select(entry => RefPrefix + entry.Key))}).");
        }
        if (resolving.Contains(name))
            throw new ChartDocsException($"{_fileName}: definition '{name}' refers to itself through {string.Join(" -> ", resolving)}.");
        return (JsonObject)Resolve(definition, [.. resolving, name])!;
    }
}

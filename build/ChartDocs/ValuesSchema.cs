using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChartDocs;

/// <summary>
/// values.schema.json from values.yaml and the fragment. Each documented value gets its @param description,
/// the type of its default, and its @schema keywords (which win). A group becomes a closed object with its
/// keys as properties; any closed object requires the keys values.yaml gives it (an explicit `required`
/// wins, an empty one is dropped), because a key set to null in a user's values would otherwise vanish unseen.
/// </summary>
public static class ValuesSchema
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    // Keywords first in this order, the rest as written: the file reads like the hand-written one it replaced.
    private static readonly string[] _leadingKeywords =
        ["$schema", "$comment", "title", "description", "type", "additionalProperties", "required", "properties"];

    private static readonly string[] _subschemaKeywords = ["items", "not", "if", "then", "else", "additionalProperties", "propertyNames"];

    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        // Patterns are full of + < > ' and &: keep them readable instead of \u002B.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(ChartValues values, SchemaFragment fragment) =>
        Build(values, fragment).ToJsonString(_json) + "\n";

    public static JsonObject Build(ChartValues values, SchemaFragment fragment)
    {
        var root = new JsonObject { ["$schema"] = Draft07 };
        JsonMerge.Into(root, fragment.Root);
        JsonMerge.Into(root, Node("", values.Defaults, [], values, fragment));
        return Ordered(root);
    }

    private static JsonObject Node(string path, JsonNode? value, JsonObject keywords, ChartValues values, SchemaFragment fragment)
    {
        var schema = new JsonObject();
        if (TypeOf(value) is { } type)
            schema["type"] = type;
        if (values.IsGroup(path, value))
        {
            schema["additionalProperties"] = false;
            schema["properties"] = new JsonObject(((JsonObject)value!).Select(entry => KeyValuePair.Create(entry.Key,
                (JsonNode?)Value(values.Find(ChartValues.Join(path, entry.Key))!, entry.Value, values, fragment))));
        }

        var written = (JsonObject)fragment.Resolve(keywords)!;
        JsonMerge.Into(schema, written);
        var closed = schema["additionalProperties"] is JsonValue additional && additional.GetValueKind() is JsonValueKind.False;
        if (value is JsonObject mapping && closed && !written.ContainsKey("required"))
            schema["required"] = new JsonArray(mapping.Select(entry => (JsonNode?)JsonValue.Create(entry.Key)).ToArray());
        if (schema["required"] is JsonArray { Count: 0 })
            schema.Remove("required");
        return schema;
    }

    private static JsonObject Value(ValueAnnotation annotation, JsonNode? value, ChartValues values, SchemaFragment fragment)
    {
        var schema = Node(annotation.Path, value, annotation.Schema, values, fragment);
        if (schema["type"] is null)
            throw ValuesComments.Error(values.FileName, annotation.Line, $"{annotation.Path} has no default to take a type from: add '## @schema type: ...'.");
        schema["description"] = annotation.Description;
        return Ordered(schema);
    }

    private static string? TypeOf(JsonNode? value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue scalar when scalar.GetValueKind() is JsonValueKind.String => "string",
        JsonValue scalar when scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValue scalar when scalar.TryGetValue<long>(out _) => "integer",
        JsonValue => "number",
        _ => null,
    };

    /// <summary>A copy with the leading keywords first, in every nested schema too (property names keep their order).</summary>
    private static JsonObject Ordered(JsonObject schema)
    {
        var ordered = new JsonObject();
        foreach (var key in _leadingKeywords.Where(schema.ContainsKey).Concat(schema.Select(entry => entry.Key).Except(_leadingKeywords)))
        {
            var value = schema[key];
            ordered[key] = (key, value) switch
            {
                ("properties", JsonObject properties) => new JsonObject(properties.Select(property => KeyValuePair.Create(property.Key, Nested(property.Value)))),
                ("allOf" or "anyOf" or "oneOf", JsonArray list) => new JsonArray(list.Select(Nested).ToArray()),
                _ when _subschemaKeywords.Contains(key) => Nested(value),
                _ => value?.DeepClone(),
            };
        }
        return ordered;
    }

    private static JsonNode? Nested(JsonNode? schema) => schema is JsonObject nested ? Ordered(nested) : schema?.DeepClone();
}

using System.Text;
using System.Text.Json;

namespace BuildEngine;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c> (JSON Schema draft-04, as NUKE does): every non-secret parameter with its
/// type and description, so IDEs complete and check <c>.nuke/parameters.json</c> and the profiles
/// (<c>.nuke/parameters.&lt;profile&gt;.json</c>), the listed target names, and under <c>options</c> the built-in
/// command-line options with the profiles there are, for tools that complete a command line (parameters files cannot
/// set them).
/// </summary>
public static class SchemaWriter
{
    public static string Write(BuildModel model, IReadOnlyList<string> profiles)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-04/schema#");
            json.WriteString("title", "Build Schema");
            json.WriteString("$ref", "#/definitions/build");
            json.WriteStartObject("definitions");

            json.WriteStartObject("ExecutableTarget");
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var target in model.ListedTargets)
                json.WriteStringValue(target.Name);
            json.WriteEndArray();
            json.WriteEndObject();

            WriteOptions(json, profiles);

            json.WriteStartObject("build");
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            foreach (var parameter in model.Parameters.Where(parameter => !parameter.IsSecret).OrderBy(parameter => parameter.Name, StringComparer.Ordinal))
                WriteParameter(json, parameter);
            json.WriteEndObject();
            // The build rejects unknown keys too: a typo in parameters.json is an error, not a silent default.
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();

            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteOptions(Utf8JsonWriter json, IReadOnlyList<string> profiles)
    {
        json.WriteStartObject("options");
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        foreach (var (name, value, description) in BuiltInOptions.All)
        {
            json.WriteStartObject(name);
            switch (name)
            {
                case BuiltInOptions.Target or BuiltInOptions.Skip:
                    json.WriteString("type", "array");
                    json.WriteStartObject("items");
                    json.WriteString("$ref", "#/definitions/ExecutableTarget");
                    json.WriteEndObject();
                    break;
                case BuiltInOptions.Profile:
                    json.WriteString("type", "array");
                    json.WriteStartObject("items");
                    json.WriteString("type", "string");
                    json.WriteStartArray("enum");
                    foreach (var profile in profiles)
                        json.WriteStringValue(profile);
                    json.WriteEndArray();
                    json.WriteEndObject();
                    break;
                case BuiltInOptions.Verbosity:
                    WriteType(json, typeof(Verbosity));
                    break;
                default:
                    json.WriteString("type", value.Length == 0 ? "boolean" : "string");
                    break;
            }
            json.WriteString("description", description);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter json, BuildParameter parameter)
    {
        json.WriteStartObject(parameter.Name);
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        if (type.IsArray)
        {
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            WriteType(json, type.GetElementType()!);
            json.WriteEndObject();
        }
        else
        {
            WriteType(json, type);
        }
        if (parameter.Description is { } description)
            json.WriteString("description", description);
        json.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter json, Type type)
    {
        if (type.IsEnum)
        {
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var name in Enum.GetNames(type))
                json.WriteStringValue(name);
            json.WriteEndArray();
            return;
        }
        json.WriteString("type", type == typeof(bool) ? "boolean" : type == typeof(int) ? "integer" : "string");
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BuildEngine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tools;

/// <summary>
/// Values the build itself hands to helm, written as a values file. <c>--set</c> and <c>--set-string</c> split on
/// commas and read '=', '.' and brackets as structure, so a value holding them sets other values; in a JSON file
/// (JSON is YAML) System.Text.Json escapes every string, and each value stays exactly one value.
/// </summary>
public sealed class HelmValues
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly JsonObject _root = [];

    /// <summary>A user's values file: it must exist and hold one YAML mapping, as helm requires.</summary>
    public static readonly ValueRule<AbsolutePath> UserFile = new("an existing YAML file of chart values", UserFileProblem);

    /// <summary>Sets a string value at a dotted path of the build's choosing (<c>image.digest</c>): paths are never input.</summary>
    public HelmValues Set(string path, string value)
    {
        var keys = path.Split('.');
        var node = _root;
        foreach (var key in keys[..^1])
        {
            if (node[key] is not JsonObject child)
                node[key] = child = [];
            node = child;
        }
        node[keys[^1]] = value;
        return this;
    }

    public string ToJson() => _root.ToJsonString(Json);

    public AbsolutePath Write(AbsolutePath path)
    {
        Directory.CreateDirectory(path.Parent);
        File.WriteAllText(path, ToJson() + "\n");
        return path;
    }

    private static string? UserFileProblem(AbsolutePath path)
    {
        if (!path.FileExists())
            return path.DirectoryExists() ? "it is a directory" : "no such file";
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlException exception)
        {
            return $"it is not YAML (line {exception.Start.Line}, column {exception.Start.Column}: {exception.Message.TrimEnd('.')})";
        }
        if (yaml.Documents.Count > 1)
            return $"it holds {yaml.Documents.Count} YAML documents, and helm reads values from one";
        return yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlMappingNode or YamlScalarNode { Value: null or "" or "~" or "null" }
            ? null
            : "its top level is not a mapping of values";
    }
}

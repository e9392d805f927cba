using System.Text;
using BuildEngine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tools;

/// <summary>
/// Values the build itself hands to helm, written as a values file. <c>--set</c> and <c>--set-string</c> split on
/// commas and read '=', '.' and brackets as structure, so a value holding them sets other values; in a JSON file
/// (JSON is YAML) every string is quoted and escaped, and each value stays exactly one value.
/// </summary>
public sealed class HelmValues
{
    private readonly Dictionary<string, object> _root = [];

    /// <summary>A user's values file: it must exist and hold one YAML mapping, as helm requires.</summary>
    public static readonly ValueRule<AbsolutePath> UserFile = new("an existing YAML file of chart values", UserFileProblem);

    /// <summary>Sets a string value at a dotted path of the build's choosing (<c>image.digest</c>): paths are never input.</summary>
    public HelmValues Set(string path, string value)
    {
        var keys = path.Split('.');
        var node = _root;
        foreach (var key in keys[..^1])
        {
            if (!node.TryGetValue(key, out var child) || child is not Dictionary<string, object> mapping)
                node[key] = mapping = [];
            node = mapping;
        }
        node[keys[^1]] = value;
        return this;
    }

    public string ToJson() => Write(new StringBuilder(), _root, 0).ToString();

    public AbsolutePath Write(AbsolutePath path)
    {
        Directory.CreateDirectory(path.Parent);
        File.WriteAllText(path, ToJson() + "\n");
        return path;
    }

    private static StringBuilder Write(StringBuilder json, Dictionary<string, object> mapping, int depth)
    {
        json.Append('{');
        var separator = "\n";
        foreach (var (key, value) in mapping)
        {
            Quote(json.Append(separator).Append(' ', (depth + 1) * 2), key).Append(": ");
            if (value is string text)
                Quote(json, text);
            else
                Write(json, (Dictionary<string, object>)value, depth + 1);
            separator = ",\n";
        }
        if (mapping.Count > 0)
            json.Append('\n').Append(' ', depth * 2);
        return json.Append('}');
    }

    /// <summary>
    /// A JSON string that YAML (helm's reader) reads back unchanged. System.Text.Json escapes astral characters as
    /// surrogate pairs (😀 as \uD83D\uDE00), which YAML refuses, so the escaping is done here: quotes, backslashes
    /// and what YAML would not keep as it is (control characters, the line separators U+0085, U+2028 and U+2029,
    /// non-characters) are escaped; every other character is written as it is.
    /// </summary>
    private static StringBuilder Quote(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            json.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < 0x20 or (>= 0x7F and <= 0x9F) or 0x2028 or 0x2029 or 0xFEFF or 0xFFFE or 0xFFFF => $"\\u{rune.Value:X4}",
                _ => rune.ToString(),
            });
        }
        return json.Append('"');
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

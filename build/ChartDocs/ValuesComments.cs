using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace ChartDocs;

/// <summary>
/// Reads the `##` comments of values.yaml. `## @param path description` starts a block; the `##` lines right
/// under it continue the description, and `## @schema k: v, k: v` lines (a YAML flow mapping without its braces)
/// add JSON Schema keywords, merged in order. A single `#` is a free comment. The YAML scanner finds the
/// comments, so a `#` inside a quoted value is never mistaken for one.
/// </summary>
public static class ValuesComments
{
    public const string Param = "@param";
    public const string Schema = "@schema";

    public static IReadOnlyList<ValueAnnotation> Read(string yaml, string fileName)
    {
        var annotations = new List<ValueAnnotation>();
        Block? block = null;
        var scanner = new Scanner(new StringReader(yaml), skipComments: false);
        while (scanner.MoveNext())
        {
            if (scanner.Current is not Comment { IsInline: false } comment || !comment.Value.StartsWith('#'))
                continue;
            var line = (int)comment.Start.Line;
            var text = comment.Value[1..].Trim();
            var continues = block is not null && block.LastLine == line - 1;
            if (!continues && block is not null)
            {
                annotations.Add(block.ToAnnotation());
                block = null;
            }

            if (text.StartsWith(Param + " ", StringComparison.Ordinal))
            {
                if (block is not null)
                    annotations.Add(block.ToAnnotation());
                var rest = text[Param.Length..].Trim();
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0)
                    throw Error(fileName, line, $"'{text}' has no description: write '## @param <path> <what it does>'.");
                block = new Block(rest[..space], rest[(space + 1)..].Trim(), line);
            }
            else if (block is null)
            {
                throw Error(fileName, line, $"'## {text}' belongs to no '## @param' line right above it; free comments start with a single '#'.");
            }
            else if (text.StartsWith(Schema + " ", StringComparison.Ordinal))
            {
                block.AddSchema(ParseSchema(text[Schema.Length..].Trim(), fileName, line), line);
            }
            else if (text.StartsWith('@'))
            {
                throw Error(fileName, line, $"Unknown annotation '{text.Split(' ')[0]}': values.yaml knows {Param} and {Schema}.");
            }
            else
            {
                block.AddDescription(text, line);
            }
        }

        if (block is not null)
            annotations.Add(block.ToAnnotation());
        var duplicate = annotations.GroupBy(annotation => annotation.Path).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw Error(fileName, duplicate.Last().Line, $"{duplicate.Key} has a second '## @param'.");
        return annotations;
    }

    internal static ChartDocsException Error(string fileName, int line, string message) => new($"{fileName}:{line}: {message}");

    private static JsonObject ParseSchema(string keywords, string fileName, int line)
    {
        try
        {
            return YamlJson.Parse("{" + keywords + "}") as JsonObject
                ?? throw Error(fileName, line, $"'@schema {keywords}' is not a list of keywords.");
        }
        catch (YamlException exception)
        {
            throw Error(fileName, line, $"'@schema {keywords}' is not a YAML flow mapping body ({exception.Message}); quote values holding , [ ] {{ }} or ': '.");
        }
    }

    private sealed class Block(string path, string description, int firstLine)
    {
        private readonly List<string> _description = [description];
        private readonly JsonObject _schema = [];
        private readonly int _firstLine = firstLine;

        public int LastLine { get; private set; } = firstLine;

        public void AddDescription(string text, int at)
        {
            _description.Add(text);
            LastLine = at;
        }

        public void AddSchema(JsonObject keywords, int at)
        {
            JsonMerge.Into(_schema, keywords);
            LastLine = at;
        }

        public ValueAnnotation ToAnnotation() =>
            new(path, string.Join(' ', _description.Where(text => text.Length > 0)), _schema, _firstLine);
    }
}

/// <summary>values.yaml or the schema fragment says something the generator cannot turn into a schema.</summary>
public sealed class ChartDocsException(string message) : BuildEngine.BuildUsageException(message);

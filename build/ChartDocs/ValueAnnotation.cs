using System.Text.Json.Nodes;

namespace ChartDocs;

/// <summary>
/// One `## @param path description` comment of values.yaml with the `## @schema` keywords written under it.
/// </summary>
public sealed record ValueAnnotation(string Path, string Description, JsonObject Schema, int Line);

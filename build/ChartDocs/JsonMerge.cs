using System.Text.Json.Nodes;

namespace ChartDocs;

/// <summary>Deep merge of JSON objects: objects merge key by key, anything else is replaced by the later value.</summary>
public static class JsonMerge
{
    public static JsonObject Into(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (target[key] is JsonObject existing && value is JsonObject overlay)
                Into(existing, overlay);
            else
                target[key] = value?.DeepClone();
        }
        return target;
    }
}

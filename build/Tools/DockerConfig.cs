using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BuildEngine;

namespace Tools;

/// <summary>
/// Edits the docker client config (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>) so that
/// docker asks the Amazon ECR credential helper for a registry. Everything else in the file is kept, and so are the
/// file's mode (it may hold <c>auths</c> tokens) and a symbolic link to it (<see cref="DockerConfigFile"/>).
/// </summary>
public static partial class DockerConfig
{
    public const string EcrHelper = "ecr-login";

    public static bool IsEcrRegistry(string registry) => EcrHostPattern().IsMatch(registry);

    public static string DefaultPath(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("DOCKER_CONFIG", out var directory) && !string.IsNullOrWhiteSpace(directory)
            ? Path.Combine(directory, "config.json")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "config.json");

    /// <summary>
    /// Sets <c>credHelpers[registry] = "ecr-login"</c>. A malformed file is reported and left untouched: it may hold
    /// credentials someone needs. Returns whether the file changed.
    /// </summary>
    public static bool UseCredentialHelper(string configPath, string registry, string helper = EcrHelper)
    {
        var file = DockerConfigFile.Open(configPath);
        var config = Parse(configPath, file.Text);

        if (config["credHelpers"] is not JsonObject helpers)
        {
            if (config["credHelpers"] is not null)
                throw new BuildFailedException($"{configPath}: 'credHelpers' must be an object; it was left untouched.");
            config["credHelpers"] = helpers = [];
        }
        if (helpers[registry]?.GetValueKind() == JsonValueKind.String && (string?)helpers[registry] == helper)
            return false;
        helpers[registry] = helper;

        file.Replace(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return true;
    }

    /// <summary>An empty file is an empty config, as docker reads it; anything else must be one JSON object.</summary>
    private static JsonObject Parse(string configPath, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        try
        {
            // JsonDocument accepts a key twice; JsonNode does not, and its error names neither the key nor the file.
            using (var document = JsonDocument.Parse(text))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new BuildFailedException($"{configPath} must hold a JSON object, not {document.RootElement.ValueKind}; it was left untouched, fix or remove it.");
                if (FirstDuplicateKey(document.RootElement, "") is { } duplicate)
                {
                    throw new BuildFailedException(
                        $"{configPath} holds the key '{duplicate}' twice (docker would silently use the last one); it was left untouched: remove one of them.");
                }
            }
            return (JsonObject)JsonNode.Parse(text)!;
        }
        catch (JsonException exception)
        {
            throw new BuildFailedException($"{configPath} is not valid JSON ({exception.Message}); it was left untouched, fix it first.");
        }
    }

    private static string? FirstDuplicateKey(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!seen.Add(property.Name))
                        return propertyPath;
                    if (FirstDuplicateKey(property.Value, propertyPath) is { } nested)
                        return nested;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstDuplicateKey(item, $"{path}[{index++}]") is { } nested)
                        return nested;
                }
                return null;
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\z")]
    private static partial Regex EcrHostPattern();
}

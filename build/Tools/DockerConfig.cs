using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BuildEngine;

namespace Tools;

/// <summary>
/// Edits the docker client config (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>) so that
/// docker asks the Amazon ECR credential helper for a registry. Everything else in the file is kept.
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
        JsonObject config;
        if (File.Exists(configPath))
        {
            try
            {
                config = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject
                    ?? throw new BuildFailedException($"{configPath} must hold a JSON object; fix or remove it.");
            }
            catch (JsonException exception)
            {
                throw new BuildFailedException($"{configPath} is not valid JSON ({exception.Message}); it was left untouched, fix it first.");
            }
        }
        else
        {
            config = [];
        }

        if (config["credHelpers"] is not JsonObject helpers)
        {
            if (config["credHelpers"] is not null)
                throw new BuildFailedException($"{configPath}: 'credHelpers' must be an object; it was left untouched.");
            config["credHelpers"] = helpers = [];
        }
        if (helpers[registry]?.GetValueKind() == JsonValueKind.String && (string?)helpers[registry] == helper)
            return false;
        helpers[registry] = helper;

        Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        var temporary = configPath + ".tmp";
        File.WriteAllText(temporary, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, configPath, overwrite: true);
        return true;
    }

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\z")]
    private static partial Regex EcrHostPattern();
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace BuildEngine;

/// <summary>
/// <c>.nuke/parameters.json</c> (the team's defaults) with the profiles of <c>--profile</c> layered over it:
/// <c>.nuke/parameters.&lt;profile&gt;.json</c>, each key of a later file replacing the same key of an earlier one.
/// </summary>
public static partial class ParametersFiles
{
    public const string BaseFileName = "parameters.json";

    /// <summary>A value as a file gave it, and which file (e.g. <c>.nuke/parameters.staging.json</c>).</summary>
    public sealed record Entry(IReadOnlyList<string> Values, string Origin);

    /// <summary>The profiles there are: the <c>&lt;name&gt;</c> of every <c>.nuke/parameters.&lt;name&gt;.json</c>.</summary>
    public static IReadOnlyList<string> Profiles(AbsolutePath rootDirectory)
    {
        var folder = rootDirectory / ".nuke";
        if (!folder.DirectoryExists())
            return [];
        return Directory.EnumerateFiles(folder, "parameters.*.json")
            .Select(path => Path.GetFileName(path)["parameters.".Length..^".json".Length])
            .Where(name => ProfileName().IsMatch(name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The layered values by match key (<see cref="Naming.MatchKey"/>) of the parameter names.</summary>
    public static Dictionary<string, Entry> Read(AbsolutePath rootDirectory, IReadOnlyList<string> profiles, IReadOnlyList<string> parameterNames)
    {
        var result = new Dictionary<string, Entry>();
        var known = Profiles(rootDirectory);
        foreach (var profile in profiles)
        {
            if (!ProfileName().IsMatch(profile) || !known.Contains(profile))
            {
                throw new BuildUsageException(
                    $"--profile {profile}: there is no .nuke/parameters.{profile}.json.{Suggestions.DidYouMean(profile, known)} " +
                    (known.Count > 0 ? $"Profiles: {string.Join(", ", known)}." : "There are no profiles: a profile is a .nuke/parameters.<name>.json file."));
            }
        }
        foreach (var fileName in profiles.Select(profile => $"parameters.{profile}.json").Prepend(BaseFileName))
        {
            foreach (var (key, values) in ReadOne(rootDirectory / ".nuke" / fileName, fileName, parameterNames))
                result[key] = new Entry(values, $".nuke/{fileName}");
        }
        return result;
    }

    private static Dictionary<string, List<string>> ReadOne(AbsolutePath path, string fileName, IReadOnlyList<string> names)
    {
        var result = new Dictionary<string, List<string>>();
        if (!path.FileExists())
            return result;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw new BuildUsageException($".nuke/{fileName} is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new BuildUsageException($".nuke/{fileName} must hold a JSON object.");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "$schema")
                    continue;
                if (!names.Any(name => Naming.MatchKey(name) == Naming.MatchKey(property.Name)))
                {
                    throw new BuildUsageException(
                        $".nuke/{fileName}: unknown parameter '{property.Name}'.{Suggestions.DidYouMean(property.Name, names)}");
                }
                result[Naming.MatchKey(property.Name)] = ToStrings(property.Value);
            }
        }
        return result;
    }

    private static List<string> ToStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(ToStrings).ToList(),
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Null => [],
        _ => [element.GetRawText()],
    };

    // A file name part, never a path: "--profile ../x" must not read files outside .nuke/.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*\z")]
    private static partial Regex ProfileName();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using BuildEngine;

namespace Tools;

/// <summary>
/// What Push hands to Deploy through <c>artifacts/image.json</c>: the image exactly as pushed, by digest, so the
/// deployment runs the bytes that were tested and pushed whatever happens to the tag later.
/// </summary>
public sealed partial record ImageRecord(string Registry, string Repository, string Tag, string Digest)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The site's version (the image's org.opencontainers.image.version label); empty when unknown.</summary>
    public string Version { get; init; } = "";

    public string RepositoryReference => $"{Registry}/{Repository}";
    public string DigestReference => $"{RepositoryReference}@{Digest}";

    public const string DigestFormat = "sha256: followed by 64 lowercase hex digits";

    public static bool IsValidDigest(string? digest) => digest is not null && DigestPattern().IsMatch(digest);

    public static readonly ValueRule<string> DigestRule = ValueRule<string>.Matching(DigestFormat, digest => IsValidDigest(digest));

    /// <summary>The digest from <c>docker push</c> output: the line "&lt;tag&gt;: digest: sha256:… size: N".</summary>
    public static string? DigestFromPushOutput(string output, string tag)
    {
        var line = output.Split('\n').Select(text => text.Trim())
            .LastOrDefault(text => text.StartsWith(tag + ": digest: ", StringComparison.Ordinal));
        var digest = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
        return IsValidDigest(digest) ? digest : null;
    }

    /// <summary>
    /// The digest for one repository from <c>docker inspect</c>'s RepoDigests, which lists every registry the
    /// image was pushed to or pulled from: index 0 may belong to another registry.
    /// </summary>
    public static string? DigestFromRepoDigests(string repoDigestsJson, string repositoryReference)
    {
        string[]? entries;
        try
        {
            entries = JsonSerializer.Deserialize<string[]>(repoDigestsJson);
        }
        catch (JsonException)
        {
            return null;
        }
        var digest = entries?
            .Where(entry => entry.StartsWith(repositoryReference + "@", StringComparison.Ordinal))
            .Select(entry => entry[(repositoryReference.Length + 1)..])
            .FirstOrDefault();
        return IsValidDigest(digest) ? digest : null;
    }

    public void Write(AbsolutePath path)
    {
        if (!IsValidDigest(Digest))
            throw new BuildFailedException($"Refusing to record image digest '{Digest}': expected {DigestFormat}.");
        Directory.CreateDirectory(path.Parent);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public static ImageRecord Read(AbsolutePath path)
    {
        if (!path.FileExists())
            throw new BuildFailedException($"{path} does not exist: run Push first, or pass --image-digest.");
        ImageRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<ImageRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException exception)
        {
            throw new BuildFailedException($"{path} is not a valid image record: {exception.Message}");
        }
        if (record is null || string.IsNullOrWhiteSpace(record.Registry) || string.IsNullOrWhiteSpace(record.Repository))
            throw new BuildFailedException($"{path} lacks the registry or repository.");
        if ((DockerReference.Registry.Problem(record.Registry) ?? DockerReference.Repository.Problem(record.Repository)) is { } problem)
            throw new BuildFailedException($"{path} holds '{record.RepositoryReference}', which is not a registry and repository: {problem}.");
        if (record.Version.Length > 0 && !SiteVersion.IsValid(record.Version))
            throw new BuildFailedException($"{path} holds version '{record.Version}', which is not {SiteVersion.Format}.");
        if (!IsValidDigest(record.Digest))
            throw new BuildFailedException($"{path} holds digest '{record.Digest}', which is not {DigestFormat}.");
        return record;
    }

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}\z")]
    private static partial Regex DigestPattern();
}

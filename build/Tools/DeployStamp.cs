using System.Security.Cryptography;
using System.Text;
using BuildEngine;

namespace Tools;

/// <summary>
/// What Deploy writes into the revision it rolls out (<c>helm upgrade --description</c>, kept on the deployed
/// revision and shown by <c>helm history</c>) and compares before the next rollout: the commit, and a fingerprint of
/// what else the release is made of besides the image digest, which every rebuild changes (the chart's files, the
/// values files, the image repository). The same stamp on the deployed revision means the rollout would change
/// nothing that the commit controls.
/// </summary>
public sealed record DeployStamp(string Commit, string Inputs)
{
    private const string Prefix = "Deployed by ./build.sh Deploy: ";

    public override string ToString() => $"{Prefix}commit {Commit}, chart and values {Inputs}";

    public static DeployStamp Of(string commit, AbsolutePath chart, IReadOnlyList<AbsolutePath> valuesFiles, string imageRepository)
    {
        if (!chart.DirectoryExists())
            throw new BuildFailedException($"There is no chart at {chart}.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string label, byte[] content)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{label}\0{content.Length}\0"));
            hash.AppendData(content);
        }

        Add("image", Encoding.UTF8.GetBytes(imageRepository));
        foreach (var file in Directory.EnumerateFiles(chart, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            Add("chart/" + Path.GetRelativePath(chart, file).Replace('\\', '/'), File.ReadAllBytes(file));
        foreach (var file in valuesFiles)
            Add("values", File.ReadAllBytes(file));
        return new DeployStamp(commit, "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The stamp a revision's description holds, or null for a revision not deployed by this build.</summary>
    public static DeployStamp? Parse(string? description)
    {
        if (description is null || !description.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var parts = description[Prefix.Length..].Split(", chart and values ");
        return parts.Length == 2 && parts[0].StartsWith("commit ", StringComparison.Ordinal)
            ? new DeployStamp(parts[0]["commit ".Length..], parts[1])
            : null;
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace BuildEngine;

/// <summary>
/// Branch names and patterns as CI branch conditions read them: Ant-style globs where
/// <c>*</c> stays within one path segment, <c>**</c> crosses segments and <c>?</c> is one character.
/// </summary>
public static class BranchPattern
{
    public static bool Matches(string pattern, string branch) =>
        Regex.IsMatch(branch, ToRegex(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Why a pattern is unusable ("contains a control character (\n)"), or null when it is fine.</summary>
    public static string? Problem(string pattern)
    {
        var control = pattern.Where(char.IsControl).Select(c => Requirement.Printable(c.ToString())).FirstOrDefault();
        return control is null ? null : $"contains a control character ({control})";
    }

    /// <summary>
    /// The short branch name from what CI systems and git report: <c>origin/develop</c>, <c>refs/heads/develop</c>
    /// and <c>refs/remotes/origin/develop</c> all mean <c>develop</c>. Empty and detached (<c>HEAD</c>) mean unknown.
    /// </summary>
    public static string? Normalize(string? branch)
    {
        var name = branch?.Trim();
        if (string.IsNullOrEmpty(name) || name == "HEAD")
            return null;
        foreach (var prefix in (string[])["refs/heads/", "refs/remotes/origin/", "remotes/origin/", "origin/"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
                return name[prefix.Length..];
        }
        return name;
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }
        return regex.Append('$').ToString();
    }
}

/// <summary>The branch being built, as the build sees it.</summary>
/// <param name="Name">Short branch name, or null when unknown.</param>
/// <param name="PullRequestId">The CI server's pull-request id on pull-request builds.</param>
public sealed record BuildBranch(string? Name, string? PullRequestId)
{
    public bool IsPullRequest => !string.IsNullOrEmpty(PullRequestId);

    /// <summary>Why a target limited to <paramref name="patterns"/> does not run here, or null when it does.</summary>
    public string? WhyNot(IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0)
            return null;
        var wanted = string.Join(" or ", patterns);
        if (IsPullRequest)
            return $"pull-request build (CHANGE_ID={PullRequestId}); runs on {wanted} only";
        if (Name is null)
            return $"branch unknown (pass --branch); runs on {wanted} only";
        return patterns.Any(pattern => BranchPattern.Matches(pattern, Name))
            ? null
            : $"branch '{Name}' is not {wanted}";
    }
}

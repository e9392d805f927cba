namespace Tools;

/// <summary>What the build needs to know from git. Reads .git files directly where that avoids a process start.</summary>
public sealed class Git(IProcessRunner runner, string repository)
{
    /// <summary>The checked-out branch from <c>.git/HEAD</c>, or null when detached or not a repository.</summary>
    public string? CurrentBranch()
    {
        var head = HeadFile();
        if (head is null)
            return null;
        var content = File.ReadAllText(head).Trim();
        const string prefix = "ref: refs/heads/";
        return content.StartsWith(prefix, StringComparison.Ordinal) ? content[prefix.Length..] : null;
    }

    /// <summary>Tracked and untracked-but-not-ignored files, relative to the repository: the working tree CI would see.</summary>
    public async Task<IReadOnlyList<string>> WorkingTreeFiles(CancellationToken cancellation = default) =>
        (await Capture(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellation))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => File.Exists(Path.Combine(repository, file)))
            .ToList();

    public async Task<string> CommitSha(CancellationToken cancellation = default) =>
        (await Capture(["rev-parse", "HEAD"], cancellation)).Trim();

    /// <summary>The origin URL without credentials (for the OCI source label), or null when there is none.</summary>
    public async Task<string?> OriginUrl(CancellationToken cancellation = default)
    {
        var result = await runner.RunAsync(
            new ToolCommand("git", ["config", "--get", "remote.origin.url"]) { WorkingDirectory = repository, Quiet = true, AllowFailure = true },
            cancellation);
        var url = result.StandardOutput.Trim();
        if (!result.Succeeded || url.Length == 0)
            return null;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
            : url;
    }

    private async Task<string> Capture(IReadOnlyList<string> arguments, CancellationToken cancellation) =>
        (await runner.RunAsync(new ToolCommand("git", arguments)
        {
            WorkingDirectory = repository,
            Quiet = true,
            MissingHint = "Install git (apt-get install git).",
        }, cancellation)).StandardOutput;

    // A worktree or submodule has a .git file pointing at the real git directory.
    private string? HeadFile()
    {
        var dotGit = Path.Combine(repository, ".git");
        if (File.Exists(dotGit))
        {
            var line = File.ReadAllText(dotGit).Trim();
            if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
                return null;
            dotGit = Path.GetFullPath(line["gitdir:".Length..].Trim(), repository);
        }
        var head = Path.Combine(dotGit, "HEAD");
        return File.Exists(head) ? head : null;
    }
}

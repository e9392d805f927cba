namespace BuildEngine;

/// <summary>
/// A file the build writes from its own definitions (schema, CI pipeline, IDE settings). Local builds rewrite it
/// when it changed; server builds fail when the committed copy is stale, naming the command that fixes it.
/// </summary>
public sealed record GeneratedFile(AbsolutePath Path, string Content, string RegenerateCommand)
{
    public bool IsCurrent() => Path.FileExists() && Normalize(File.ReadAllText(Path)) == Normalize(Content);

    /// <summary>Writes the file if it differs; returns whether it did.</summary>
    public bool Write()
    {
        if (IsCurrent())
            return false;
        Directory.CreateDirectory(Path.Parent);
        File.WriteAllText(Path, Normalize(Content));
        return true;
    }

    // Line endings are the checkout's business (core.autocrlf), not a content change.
    private static string Normalize(string text) => text.ReplaceLineEndings("\n");
}

namespace BuildEngine;

/// <summary>
/// Cancelled when the build is asked to stop (Ctrl+C, or SIGTERM when a CI server aborts a run). Tool runners link to
/// it, so the running tool is stopped even though target bodies do not pass tokens around (as in NUKE).
/// </summary>
public static class BuildCancellation
{
    public static CancellationToken Token { get; internal set; }
}

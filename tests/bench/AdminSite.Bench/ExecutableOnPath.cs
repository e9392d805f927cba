namespace AdminSite.Bench;

/// <summary>Whether a tool the bench runs (wrk, perf) is installed, so a missing one is named before anything starts.</summary>
internal static class ExecutableOnPath
{
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, name)));
}

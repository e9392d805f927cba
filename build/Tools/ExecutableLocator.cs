namespace Tools;

/// <summary>Finds programs on PATH, so a missing tool is reported before a target starts, not halfway through.</summary>
public static class ExecutableLocator
{
    public static string? Find(string name, IReadOnlyDictionary<string, string> environment)
    {
        if (name.Contains('/', StringComparison.Ordinal))
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        var path = environment.TryGetValue("PATH", out var value) ? value : "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}

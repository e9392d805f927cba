using BuildEngine;

namespace Tools;

/// <summary>Finds programs on PATH, so a missing tool is reported before a target starts, not halfway through.</summary>
public static class ExecutableLocator
{
    /// <summary>A path given for a tool (--helm-path): it must be a file this user may run.</summary>
    public static readonly ValueRule<AbsolutePath> ExecutableFile = new("an executable file", path =>
        !path.FileExists() ? (path.DirectoryExists() ? "it is a directory" : "no such file")
        : OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0 ? null
        : "it is not executable (chmod +x)");

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

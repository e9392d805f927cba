namespace BuildEngine;

/// <summary>
/// Secret parameters read from a file (<c>--registry-password-file</c>, <c>REGISTRY_PASSWORD_FILE</c>, the convention of
/// the official database images and of CI "secret file" credentials): neither <c>ps</c> nor the environment of the
/// process shows the value. The file holds the value as it is, one final line break aside (editors and
/// <c>echo</c> add one).
/// </summary>
public static class SecretFile
{
    private const UnixFileMode ReadableByOthers = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The value in the file; <paramref name="origin"/> (the option or variable that named it) starts every message.</summary>
    public static string Read(AbsolutePath path, string origin)
    {
        if (path.DirectoryExists())
            throw new BuildUsageException($"{origin}: {path} is a folder, not a file.");
        if (!path.FileExists())
            throw new BuildUsageException($"{origin}: {path} does not exist.");

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BuildUsageException($"{origin}: {path} cannot be read ({exception.Message}).");
        }

        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) is var mode && (mode & ReadableByOthers) != 0)
            Log.Warning($"{origin}: {path} can be read by other users (mode {Convert.ToString((int)mode & 0b111_111_111, 8)}): chmod 600 it.");

        var value = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
            : text.EndsWith('\n') ? text[..^1]
            : text;
        return value.Length > 0 ? value : throw new BuildUsageException($"{origin}: {path} is empty.");
    }

    /// <summary>The warning for a secret typed on the command line, which every local user can read.</summary>
    public static string CommandLineWarning(BuildParameter parameter) =>
        $"{parameter.OptionName} was given on the command line, where every local user can read it (ps, /proc/<pid>/cmdline): " +
        $"set the environment variable {parameter.EnvironmentVariables[0]}, or put it in a file and pass " +
        $"{parameter.FileOptionName} <path> (or {parameter.FileEnvironmentVariable}=<path>).";
}

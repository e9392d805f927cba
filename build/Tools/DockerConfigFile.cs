using System.Text;
using BuildEngine;

namespace Tools;

/// <summary>
/// The docker config as a file: read strictly, replaced in one step. A symbolic link stays a link (the file it
/// points to is what changes, even through several links or when it does not exist yet); the new content goes into a
/// fresh, unpredictably named file beside that target and is renamed over it, so a reader sees the old file or the
/// new one, never half of one, and nothing planted at a temporary name is followed. The mode is kept (a new file is
/// 0600 in a 0700 folder, as docker makes them), because the file may hold registry tokens. Windows has no modes:
/// there the file inherits its folder's access rules.
/// </summary>
public sealed class DockerConfigFile
{
    public const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode NewFolderMode = NewFileMode | UnixFileMode.UserExecute;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _path;
    private readonly string _target;
    private readonly UnixFileMode? _mode;

    private DockerConfigFile(string path, string target, string? text, UnixFileMode? mode)
    {
        _path = path;
        _target = target;
        Text = text;
        _mode = mode;
    }

    /// <summary>The file's text, or null when there is no file yet.</summary>
    public string? Text { get; }

    /// <summary>Reads the file at <paramref name="path"/> (or the one its links end at).</summary>
    public static DockerConfigFile Open(string path)
    {
        string target;
        try
        {
            var link = new FileInfo(path);
            target = link.Exists || link.LinkTarget is not null
                ? link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link.FullName
                : link.FullName;
        }
        catch (IOException exception)
        {
            throw new BuildFailedException($"{path} cannot be read ({exception.Message}); it was left untouched.");
        }

        if (Directory.Exists(target))
            throw new BuildFailedException($"{path} is a folder{Via(path, target)}; docker reads its config from a file there.");
        if (!File.Exists(target))
            return new DockerConfigFile(path, target, null, OperatingSystem.IsWindows() ? null : NewFileMode);

        try
        {
            var bytes = File.ReadAllBytes(target);
            var mode = OperatingSystem.IsWindows() ? (UnixFileMode?)null : File.GetUnixFileMode(target);
            return new DockerConfigFile(path, target, StrictUtf8.GetString(bytes), mode);
        }
        catch (DecoderFallbackException)
        {
            throw new BuildFailedException($"{path}{Via(path, target)} is not UTF-8 text, which docker's JSON must be; it was left untouched, fix it first.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BuildFailedException($"{path} cannot be read ({exception.Message}){Via(path, target)}; it was left untouched.");
        }
    }

    /// <summary>Replaces the file's content in one rename, keeping its mode and any link to it.</summary>
    public void Replace(string text)
    {
        var folder = Path.GetDirectoryName(_target)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(_target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                if (!Directory.Exists(folder))
                    Directory.CreateDirectory(folder, NewFolderMode);
                options.UnixCreateMode = NewFileMode;
            }
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(StrictUtf8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            // Set after creation: the umask may have narrowed the create mode, and the old mode must come back exactly.
            if (_mode is { } mode && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, mode);
            File.Move(temporary, _target, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BuildFailedException($"{_path} cannot be written ({exception.Message}){Via(_path, _target)}.");
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private static string Via(string path, string target) =>
        Path.GetFullPath(path) == target ? "" : $" (a link to {target})";
}

using System.Diagnostics;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// Makes a folder and its files truly read-only for the site, as a read-only volume would be: write bits off, and
/// for root (who ignores them) the immutable attribute as well. Checked by trying to write, so a test never runs
/// on a folder that only looks read-only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFiles : IDisposable
{
    private readonly string[] _paths;

    private ReadOnlyFiles(string[] paths) => _paths = paths;

    public static ReadOnlyFiles Folder(string folder)
    {
        var paths = Directory.GetFiles(folder).Append(folder).ToArray();
        var files = new ReadOnlyFiles(paths);
        foreach (var path in paths)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }

        if (IsRoot())
        {
            Chattr("+i", paths);
        }

        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "");
            throw new InvalidOperationException($"{folder} could not be made read-only (root needs chattr +i, which this file system may not support).");
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only, as wanted.
        }
        catch (IOException)
        {
            // Read-only, as wanted.
        }

        return files;
    }

    public void Dispose()
    {
        if (IsRoot())
        {
            Chattr("-i", _paths);
        }

        foreach (var path in _paths)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserWrite);
        }
    }

    private static bool IsRoot() => Environment.IsPrivilegedProcess;

    private static void Chattr(string flag, IEnumerable<string> paths)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true };
        start.ArgumentList.Add(flag);
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {flag} failed: {error}");
        }
    }
}

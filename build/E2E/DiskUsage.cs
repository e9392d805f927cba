using System.Globalization;
using BuildEngine;

namespace E2E;

/// <summary>How much a folder holds on disk, as <c>du</c> would count it, without following links out of it.</summary>
internal static class DiskUsage
{
    public static long Of(AbsolutePath folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint, // symbolic links: counted as links, not followed
        };
        return new DirectoryInfo(folder).EnumerateFiles("*", options).Sum(file => file.Length);
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Format(CultureInfo.InvariantCulture, "{0:0.0} GB", bytes / (double)(1L << 30)),
        >= 1L << 20 => string.Format(CultureInfo.InvariantCulture, "{0:0} MB", bytes / (double)(1L << 20)),
        _ => string.Format(CultureInfo.InvariantCulture, "{0:0} kB", bytes / 1024.0),
    };
}

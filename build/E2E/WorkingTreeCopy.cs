using BuildEngine;

namespace E2E;

/// <summary>A fresh copy of the working tree's files (what git tracks or would track), without build outputs or local state.</summary>
internal static class WorkingTreeCopy
{
    public static AbsolutePath Create(AbsolutePath root, IEnumerable<string> files, AbsolutePath target)
    {
        if (target.DirectoryExists())
            Directory.Delete(target, recursive: true);
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target / file)!);
            File.Copy(root / file, target / file);
        }
        return target;
    }
}

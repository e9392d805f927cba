namespace Chart.Tests.Infrastructure;

/// <summary>
/// A throw-away copy of chart/ for tests that must change the chart itself (e.g. drop appVersion); the
/// repository's chart is never modified.
/// </summary>
public sealed class ChartCopy : IDisposable
{
    private ChartCopy(string directory) => Directory = directory;

    public string Directory { get; }

    public static ChartCopy Create()
    {
        var target = System.IO.Directory.CreateTempSubdirectory("chart-tests-copy-").FullName;
        foreach (var file in System.IO.Directory.EnumerateFiles(RepositoryPaths.Chart, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Chart, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return new ChartCopy(target);
    }

    public ChartCopy Edit(string relativePath, Func<string, string> edit)
    {
        var path = Path.Combine(Directory, relativePath);
        var before = File.ReadAllText(path);
        var after = edit(before);
        if (after == before)
        {
            throw new InvalidOperationException($"The edit of {relativePath} changed nothing: the test no longer tests anything.");
        }

        File.WriteAllText(path, after);
        return this;
    }

    public ChartCopy Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

namespace BuildEngine;

/// <summary>A normalised absolute path; <c>/</c> composes paths the way NUKE's AbsolutePath does.</summary>
public sealed record AbsolutePath
{
    private AbsolutePath(string path) => Value = path;

    public string Value { get; }
    public string Name => Path.GetFileName(Value);
    public AbsolutePath Parent => new(Path.GetDirectoryName(Value) ?? Value);

    public static AbsolutePath Create(string path, string? relativeTo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = relativeTo is null ? Path.GetFullPath(path) : Path.GetFullPath(path, relativeTo);
        return new AbsolutePath(Path.TrimEndingDirectorySeparator(full) is { Length: > 0 } trimmed ? trimmed : full);
    }

    public static AbsolutePath operator /(AbsolutePath left, string right) => Create(Path.Combine(left.Value, right));

    public static implicit operator string(AbsolutePath path) => path.Value;

    public bool Exists() => File.Exists(Value) || Directory.Exists(Value);
    public bool FileExists() => File.Exists(Value);
    public bool DirectoryExists() => Directory.Exists(Value);
    public string GetRelativePathFrom(AbsolutePath root) => Path.GetRelativePath(root.Value, Value);
    public override string ToString() => Value;
}

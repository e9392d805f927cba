namespace AdminSite.Audit;

/// <summary>
/// One field's value before and after a change, as the admin displays it. Null means "no value": before an
/// addition, after a deletion.
/// </summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    /// <summary>Only the fields whose value differs, in the order given.</summary>
    public static IReadOnlyList<FieldChange> Diff(IReadOnlyList<(string Field, string Value)> before, IReadOnlyList<(string Field, string Value)> after)
    {
        var old = before.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        return after
            .Where(f => !old.TryGetValue(f.Field, out var value) || value != f.Value)
            .Select(f => new FieldChange(f.Field, old.GetValueOrDefault(f.Field), f.Value))
            .ToList();
    }

    /// <summary>Every field as set by an addition.</summary>
    public static IReadOnlyList<FieldChange> Added(IReadOnlyList<(string Field, string Value)> values) =>
        values.Where(f => f.Value.Length > 0).Select(f => new FieldChange(f.Field, null, f.Value)).ToList();

    /// <summary>Every field as it was before a deletion.</summary>
    public static IReadOnlyList<FieldChange> Deleted(IReadOnlyList<(string Field, string Value)> values) =>
        values.Where(f => f.Value.Length > 0).Select(f => new FieldChange(f.Field, f.Value, null)).ToList();

    public static string Flag(bool value) => value ? "Yes" : "No";

    /// <summary>A set of names, sorted so the same set always reads (and compares) the same.</summary>
    public static string List(IEnumerable<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));
}

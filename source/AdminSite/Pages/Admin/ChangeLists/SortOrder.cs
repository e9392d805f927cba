using System.Globalization;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>Django's <c>o=2.-1</c> ordering: 1-based column numbers, minus for descending, first is primary.</summary>
public sealed class SortOrder
{
    private SortOrder(IReadOnlyList<(int Column, bool Descending)> columns) => Columns = columns;

    public IReadOnlyList<(int Column, bool Descending)> Columns { get; }

    public static SortOrder Parse(string? value, int columnCount, int defaultColumn = 1)
    {
        var columns = new List<(int, bool)>();
        foreach (var part in (value ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var descending = part.StartsWith('-');
            if (int.TryParse(descending ? part[1..] : part, NumberStyles.None, CultureInfo.InvariantCulture, out var column)
                && column >= 1 && column <= columnCount && columns.All(c => c.Item1 != column))
            {
                columns.Add((column, descending));
            }
        }

        return new SortOrder(columns.Count > 0 ? columns : [(defaultColumn, false)]);
    }

    /// <summary>Where a column sorts now: its priority (1 = primary) and direction, or null.</summary>
    public (int Priority, bool Descending)? Of(int column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Column == column)
            {
                return (i + 1, Columns[i].Descending);
            }
        }

        return null;
    }

    /// <summary>The order after clicking a header: that column becomes primary, toggled if it already was.</summary>
    public string Toggle(int column)
    {
        var current = Of(column);
        var first = current is { Priority: 1 } ? (column, !current.Value.Descending) : (column, false);
        return Format([first, .. Columns.Where(c => c.Column != column)]);
    }

    /// <summary>The order without that column (Django's "remove from sorting").</summary>
    public string Without(int column) => Format(Columns.Where(c => c.Column != column));

    private static string Format(IEnumerable<(int Column, bool Descending)> columns) =>
        string.Join('.', columns.Select(c => (c.Descending ? "-" : "") + c.Column.ToString(CultureInfo.InvariantCulture)));
}

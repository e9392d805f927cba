using System.Globalization;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>RFC 4180 rows that a spreadsheet opens as text, never as a formula.</summary>
public static class Csv
{
    // OWASP's list: a spreadsheet treats a cell starting with one of these as a formula (or its start).
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    // The same signs later in a value, full-width forms included (some spreadsheets read those as formulas too).
    private static readonly char[] FormulaSigns = ['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

    // Where a spreadsheet may start a new cell inside a value: at a separator (comma, or semicolon and tab in
    // locales and imports that split on those) or a line break.
    private static readonly char[] CellBreaks = [',', ';', '\t', '\r', '\n'];

    private static readonly char[] NeedsQuotes = [',', ';', '\t', '"', '\r', '\n'];

    /// <summary>
    /// One cell: a leading apostrophe defuses a would-be formula anywhere a cell could start, then the value is
    /// quoted if it holds a separator of any locale, a quote or a line break.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0 || HoldsFormulaStart(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    // Whether the value, or any part after a cell break, starts (leading spaces aside) with a formula sign.
    private static bool HoldsFormulaStart(string value)
    {
        var start = 0;
        while (true)
        {
            var first = start;
            while (first < value.Length && char.IsWhiteSpace(value[first]))
            {
                first++;
            }

            if (first < value.Length && Array.IndexOf(FormulaSigns, value[first]) >= 0)
            {
                return true;
            }

            var next = value.IndexOfAny(CellBreaks, start);
            if (next < 0)
            {
                return false;
            }

            start = next + 1;
        }
    }

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>A time as every export writes it: UTC, sortable as text, read by spreadsheets as a date.</summary>
    public static string Timestamp(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An export's file name, <c>users-20261126-141500.csv</c>: what it holds and when (UTC) it was taken.</summary>
    public static string FileName(string contents, TimeProvider time) =>
        $"{contents}-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
}

using System.Globalization;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>RFC 4180 rows that a spreadsheet opens as text, never as a formula.</summary>
public static class Csv
{
    // OWASP's list: a spreadsheet treats a cell starting with one of these as a formula (or its start).
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>One cell: a leading apostrophe defuses a would-be formula, then quotes if the value needs them.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>A time as every export writes it: UTC, sortable as text, read by spreadsheets as a date.</summary>
    public static string Timestamp(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An export's file name, <c>users-20261126-141500.csv</c>: what it holds and when (UTC) it was taken.</summary>
    public static string FileName(string contents, TimeProvider time) =>
        $"{contents}-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
}

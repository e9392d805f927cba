namespace BuildEngine;

public enum Verbosity
{
    /// <summary>Errors and the summary only.</summary>
    Quiet,
    /// <summary>Target headers, warnings and errors; tool output is kept back unless the tool fails.</summary>
    Minimal,
    /// <summary>Everything tools print.</summary>
    Normal,
    /// <summary>Also the exact commands run and stack traces.</summary>
    Verbose,
}

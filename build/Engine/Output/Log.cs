using System.Text.RegularExpressions;
using Spectre.Console;

namespace BuildEngine;

/// <summary>The build's log, NUKE-style (<c>Log.Information(...)</c>). Every line is secret-masked and markup-escaped.</summary>
public static partial class Log
{
    public static IAnsiConsole Console { get; internal set; } = AnsiConsole.Console;
    public static Verbosity Verbosity { get; internal set; } = Verbosity.Normal;

    public static void Debug(string message) => Write(Verbosity.Verbose, "grey", message);
    public static void Information(string message) => Write(Verbosity.Normal, null, message);
    public static void Success(string message) => Write(Verbosity.Minimal, "green", message);
    public static void Warning(string message) => Write(Verbosity.Minimal, "yellow", "warning: " + message);
    public static void Error(string message) => Write(Verbosity.Quiet, "red", message);

    /// <summary>A line of tool output, shown at Normal verbosity; in a plain log without the tool's own colour codes.</summary>
    public static void ToolOutput(string line, bool isError) =>
        Write(Verbosity.Normal, isError ? "darkorange" : null, Console.IsPlain() ? EscapeSequences().Replace(line, "") : line);

    /// <summary>CSI sequences (colours, cursor moves) and OSC sequences (titles, links) that tools print for terminals.</summary>
    [GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex EscapeSequences();

    internal static void Write(Verbosity level, string? color, string message)
    {
        if (Verbosity < level)
            return;
        var text = Markup.Escape(SecretMasker.Mask(message));
        Console.MarkupLine(color is null ? text : $"[{color}]{text}[/]");
    }
}

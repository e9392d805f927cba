using System.Text;
using Spectre.Console;

namespace BuildEngine;

/// <summary>
/// Where the build prints. On a terminal: Spectre's console, colours and all. Anywhere else (a CI log, a pipe, a
/// file): plain text, because a log is read later, searched and diffed, and escape codes and terminal-wide padding
/// only get in the way there. Plain means no ANSI codes, no wrapping (a line is as long as what it says), and no
/// trailing spaces.
/// </summary>
public static class BuildConsole
{
    /// <summary>Wide enough that no table or message is ever wrapped: CI logs wrap nothing, so neither do we.</summary>
    public const int PlainWidth = 4096;

    public static IAnsiConsole ForThisProcess() =>
        Console.IsOutputRedirected ? Plain(Console.Out) : AnsiConsole.Console;

    public static IAnsiConsole Plain(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(new TrailingSpaceTrimmer(output)),
        });
        console.Profile.Width = PlainWidth;
        return console;
    }

    /// <summary>True for a plain console: no escape codes may reach it, not even from the tools the build runs.</summary>
    public static bool IsPlain(this IAnsiConsole console) => !console.Profile.Capabilities.Ansi;

    /// <summary>A target's heading: a rule across a terminal, a short marked line in a log.</summary>
    public static void Heading(this IAnsiConsole console, string title)
    {
        if (console.IsPlain())
            console.WriteLine($"── {title} ──");
        else
            console.Write(new Rule($"[bold deepskyblue1]{Markup.Escape(title)}[/]").LeftJustified().RuleStyle("grey"));
    }

    /// <summary>Spectre pads table cells and centred titles with spaces up to the line's end; a log line ends where its text does.</summary>
    private sealed class TrailingSpaceTrimmer(TextWriter inner) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                inner.Write(_line.ToString().TrimEnd(' '));
                inner.Write('\n');
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }

        public override void Write(string? value)
        {
            foreach (var character in value ?? "")
                Write(character);
        }

        public override void Flush()
        {
            // A partial line (a prompt, the last line without its newline) goes out as it is.
            inner.Write(_line.ToString());
            _line.Clear();
            inner.Flush();
        }
    }
}

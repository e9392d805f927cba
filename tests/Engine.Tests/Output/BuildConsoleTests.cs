using BuildEngine;
using Spectre.Console;

namespace EngineTests.Output;

/// <summary>Off a terminal the build writes a log: no escape codes, no wrapping, no padding at the ends of lines.</summary>
[NonParallelizable]
public class BuildConsoleTests
{
    [Test]
    public void A_table_wider_than_any_terminal_stays_on_one_line_per_row_without_trailing_spaces()
    {
        var writer = new StringWriter();
        var console = BuildConsole.Plain(writer);
        var longReason = string.Join(' ', Enumerable.Repeat("a reason that goes on", 20));
        console.Write(new Table().Title("Summary").AddColumns("Target", "Reason").AddRow("Push", longReason).AddRow("Deploy", ""));

        var lines = writer.ToString().Split('\n');
        lines.Should().Contain(line => line.Contains("Push") && line.Contains(longReason), "a long cell is not wrapped");
        lines.Should().OnlyContain(line => !line.EndsWith(' '), "padding up to the console's width is trimmed");
        writer.ToString().Should().NotContain("\u001b");
    }

    [Test]
    public void Markup_colours_never_reach_a_plain_log()
    {
        var writer = new StringWriter();
        BuildConsole.Plain(writer).MarkupLine("[bold red]Build failed.[/]");

        writer.ToString().Should().Be("Build failed.\n");
    }

    [Test]
    public void A_tool_s_own_colour_codes_are_stripped_from_a_plain_log_and_kept_on_a_terminal()
    {
        var plain = new StringWriter();
        Log.Console = BuildConsole.Plain(plain);
        Log.ToolOutput("\u001b[31merror\u001b[0m Jenkinsfile \u001b]8;;https://x\u0007link\u001b]8;;\u0007 done", isError: false);
        plain.ToString().Should().Be("error Jenkinsfile link done\n");

        var terminal = new StringWriter();
        Log.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(terminal) });
        Log.ToolOutput("\u001b[31merror\u001b[0m", isError: false);
        terminal.ToString().Should().Contain("\u001b[31m");
    }

    [Test]
    public void A_target_heading_is_a_short_line_in_a_log()
    {
        var writer = new StringWriter();
        BuildConsole.Plain(writer).Heading("Test");

        writer.ToString().Should().Be("── Test ──\n");
    }
}

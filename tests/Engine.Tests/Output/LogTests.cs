using BuildEngine;
using Spectre.Console;

namespace EngineTests.Output;

[NonParallelizable]
public class LogTests
{
    [TearDown]
    public void Reset() => SecretMasker.Clear();

    [Test]
    public void Log_lines_are_masked_and_markup_is_escaped()
    {
        var writer = new StringWriter();
        Log.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(writer) });
        SecretMasker.Register("hunter22");

        Log.Information("[red]password hunter22[/]");

        writer.ToString().Should().Be("[red]password *****[/]\n");
    }
}

using System.Diagnostics;
using System.Globalization;
using BuildEngine;
using Spectre.Console;

namespace E2E;

/// <summary>Runs the rehearsal's steps one by one with a heading each, and prints what each took at the end.</summary>
public sealed class Steps
{
    private readonly List<(string Name, TimeSpan Duration, bool Passed)> _done = [];

    public async Task<T> Run<T>(string name, Func<Task<T>> step)
    {
        Log.Console.MarkupLine($"[bold]▶ {Markup.Escape(name)}[/]");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await step();
            _done.Add((name, stopwatch.Elapsed, true));
            return result;
        }
        catch
        {
            _done.Add((name, stopwatch.Elapsed, false));
            throw;
        }
    }

    public Task Run(string name, Func<Task> step) => Run(name, async () =>
    {
        await step();
        return true;
    });

    public void WriteSummary()
    {
        var table = new Table().Border(TableBorder.Simple).Title("E2E steps").AddColumns("Step", "Result", "Time");
        table.Columns[2].RightAligned();
        foreach (var (name, duration, passed) in _done)
            table.AddRow(Markup.Escape(name), passed ? "[green]passed[/]" : "[red]failed[/]", duration.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        Log.Console.Write(table);
    }
}

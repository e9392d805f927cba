using System.Globalization;
using Spectre.Console;

namespace BuildEngine;

/// <summary>The table at the end of every run: target, status, duration, and why it ended so or what it reported.</summary>
public static class SummaryWriter
{
    public static void Write(IAnsiConsole console, ExecutionPlan plan, TimeSpan total)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Target", "Status", "Duration", "Details");
        table.Columns[2].RightAligned();
        foreach (var target in plan.Targets)
        {
            var color = target.Status switch
            {
                TargetStatus.Succeeded => "green",
                TargetStatus.Failed or TargetStatus.Aborted => "red",
                TargetStatus.Skipped => "yellow",
                _ => "grey",
            };
            var ran = target.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted;
            table.AddRow(
                Markup.Escape(target.Name),
                $"[{color}]{target.Status}[/]",
                ran ? Format(target.Duration) : "",
                Markup.Escape(Details(target)));
        }
        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", "", $"[bold]{Format(total)}[/]", "");
        console.Write(table);
        console.MarkupLine(plan.Targets.Any(target => target.Status == TargetStatus.Aborted) ? "[bold red]Build cancelled.[/]"
            : plan.HasFailed ? "[bold red]Build failed.[/]"
            : $"[bold green]Build succeeded[/] on {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}.");
    }

    /// <summary>The skip or failure reason, then what the target reported (<c>Version: 1.2.0</c>).</summary>
    private static string Details(PlannedTarget target) => string.Join("; ",
        target.Summary.Select(pair => $"{pair.Key}: {pair.Value}").Prepend(target.Reason).OfType<string>().Where(text => text.Length > 0));

    private static string Format(TimeSpan duration) =>
        duration.TotalMinutes >= 1
            ? duration.ToString(@"m\:ss", CultureInfo.InvariantCulture)
            : duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}

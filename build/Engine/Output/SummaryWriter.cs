using System.Globalization;
using Spectre.Console;

namespace BuildEngine;

/// <summary>The table at the end of every run: target, status, duration, reason.</summary>
public static class SummaryWriter
{
    public static void Write(IAnsiConsole console, ExecutionPlan plan, TimeSpan total)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Target", "Status", "Duration", "Reason");
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
                Markup.Escape(target.Reason ?? ""));
        }
        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", "", $"[bold]{Format(total)}[/]", "");
        console.Write(table);
        console.MarkupLine(plan.Targets.Any(target => target.Status == TargetStatus.Aborted) ? "[bold red]Build cancelled.[/]"
            : plan.HasFailed ? "[bold red]Build failed.[/]"
            : $"[bold green]Build succeeded[/] on {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}.");
    }

    private static string Format(TimeSpan duration) =>
        duration.TotalMinutes >= 1
            ? duration.ToString(@"m\:ss", CultureInfo.InvariantCulture)
            : duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}

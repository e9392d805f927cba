using Spectre.Console;

namespace BuildEngine;

/// <summary>--plan: the ordered targets and what will happen to each, and every input problem, without running anything.</summary>
public static class PlanWriter
{
    public static void Write(IAnsiConsole console, ExecutionPlan plan, IReadOnlyList<string> requirementProblems)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Execution plan (nothing was run)")
            .AddColumns("#", "Target", "Action", "Depends on");
        var step = 0;
        foreach (var target in plan.Targets)
        {
            var action = target.Status == TargetStatus.Skipped
                ? $"[yellow]skip[/] [grey]// {Markup.Escape(target.Reason ?? "")}[/]"
                : target.Invoked ? "[green]run[/] [grey](invoked)[/]" : "[green]run[/]";
            table.AddRow(
                (++step).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(target.Name),
                action,
                Markup.Escape(string.Join(", ", target.Definition.Dependencies.Select(dependency => dependency.Name))));
        }
        console.Write(table);
        foreach (var problem in requirementProblems)
            console.MarkupLine($"[yellow]A real run would stop before starting: {Markup.Escape(problem)}[/]");
    }
}

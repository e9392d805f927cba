using System.Diagnostics;
using Spectre.Console;

namespace BuildEngine;

/// <summary>Runs a plan whose skips are decided: one target at a time, stopping at the first failure.</summary>
public sealed class TargetRunner(IAnsiConsole console, Verbosity verbosity)
{
    public async Task RunAsync(ExecutionPlan plan, CancellationToken cancellation)
    {
        string? stoppedBy = null;
        foreach (var target in plan.Targets.Where(target => target.Status == TargetStatus.Pending))
        {
            if (stoppedBy is not null)
            {
                target.Status = TargetStatus.NotRun;
                target.Reason = stoppedBy;
                continue;
            }

            if (Blocker(plan, target) is { } blocker)
            {
                target.Status = TargetStatus.NotRun;
                target.Reason = $"needs {blocker.Name}, which {blocker.Status.ToString().ToLowerInvariant()}";
                continue;
            }

            var failed = target.Definition.DynamicConditions.FirstOrDefault(condition => !condition.Evaluate());
            if (failed is not null)
            {
                target.Skip($"OnlyWhen: {failed.Text}");
                continue;
            }

            await RunOneAsync(plan, target, cancellation);
            if (target.Status == TargetStatus.Aborted)
                stoppedBy = "build cancelled";
            else if (target.Status == TargetStatus.Failed && !target.Definition.ProceedsAfterFailure)
                stoppedBy = $"build stopped after {target.Name} failed";
        }
    }

    private async Task RunOneAsync(ExecutionPlan plan, PlannedTarget target, CancellationToken cancellation)
    {
        if (verbosity >= Verbosity.Minimal && target.Definition.HasActions)
        {
            var title = Markup.Escape(target.Name);
            console.Write(new Rule($"[bold deepskyblue1]{title}[/]").LeftJustified().RuleStyle("grey"));
            if (target.Definition.DescriptionText is { } description && verbosity >= Verbosity.Normal)
                console.MarkupLine($"[grey]{Markup.Escape(description)}[/]");
        }

        var stopwatch = Stopwatch.StartNew();
        plan.Running = target;
        try
        {
            foreach (var action in target.Definition.Actions)
            {
                cancellation.ThrowIfCancellationRequested();
                await action();
            }
            target.Status = TargetStatus.Succeeded;
        }
        catch (Exception exception) when (exception is OperationCanceledException && cancellation.IsCancellationRequested)
        {
            target.Status = TargetStatus.Aborted;
            target.Reason = "cancelled";
        }
        catch (Exception exception)
        {
            target.Status = TargetStatus.Failed;
            target.Reason = SecretMasker.Mask(Flatten(exception).Message);
            Log.Error($"{target.Name} failed: {target.Reason}");
            if (exception is not (BuildFailedException or BuildUsageException) || verbosity >= Verbosity.Verbose)
                Log.Error(SecretMasker.Mask(exception.ToString()));
        }
        finally
        {
            plan.Running = null;
        }
        target.Duration = stopwatch.Elapsed;
    }

    private static Exception Flatten(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Flatten(aggregate.InnerExceptions[0]) : exception;

    /// <summary>The first target this one needs (dependency or trigger source) that did not end well.</summary>
    private static PlannedTarget? Blocker(ExecutionPlan plan, PlannedTarget target)
    {
        var needs = target.Definition.Dependencies
            .Concat(plan.Targets.Where(other => other.Definition.Triggered.Contains(target.Definition)).Select(other => other.Definition));
        return needs
            .Select(need => plan[need.Name])
            .FirstOrDefault(need => need?.Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted);
    }
}

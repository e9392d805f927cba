using System.Diagnostics;
using Spectre.Console;

namespace BuildEngine;

/// <summary>Runs a plan whose skips are decided: one target at a time, stopping at the first failure.</summary>
public sealed class TargetRunner(IAnsiConsole console, Verbosity verbosity)
{
    /// <param name="succeeded">Told of each target as soon as it succeeds (the --continue record).</param>
    public async Task RunAsync(ExecutionPlan plan, CancellationToken cancellation, Action<PlannedTarget>? succeeded = null)
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

            if (ConditionsHold(target))
                await RunOneAsync(plan, target, cancellation);
            if (target.Status == TargetStatus.Succeeded)
                succeeded?.Invoke(target);
            if (target.Status == TargetStatus.Aborted)
                stoppedBy = "build cancelled";
            else if (target.Status == TargetStatus.Failed && !target.Definition.ProceedsAfterFailure)
                stoppedBy = $"build stopped after {target.Name} failed";
        }
    }

    /// <summary>
    /// OnlyWhenDynamic, just before the target runs: a false condition skips it with the condition as the reason; a
    /// condition that throws (it may ask a tool) fails the target like its actions would.
    /// </summary>
    private static bool ConditionsHold(PlannedTarget target)
    {
        try
        {
            var failed = target.Definition.DynamicConditions.FirstOrDefault(condition => !condition.Evaluate());
            if (failed is null)
                return true;
            target.Skip($"OnlyWhen: {failed.Text}");
        }
        catch (Exception exception)
        {
            target.Status = TargetStatus.Failed;
            target.Reason = SecretMasker.Mask(Flatten(exception).Message);
            Log.Error($"{target.Name} failed while checking whether to run: {target.Reason}");
        }
        return false;
    }

    private async Task RunOneAsync(ExecutionPlan plan, PlannedTarget target, CancellationToken cancellation)
    {
        if (verbosity >= Verbosity.Minimal && target.Definition.HasActions)
        {
            console.Heading(target.Name);
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
            var missing = target.Definition.Artifacts.Where(artifact => !IsProduced(artifact)).ToList();
            if (missing.Count > 0)
                throw new BuildFailedException($"{target.Name} finished without leaving {string.Join(", ", missing)}, which it declares with Produces.");
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

    /// <summary>The file exists, or for a name with <c>*</c> or <c>?</c>, at least one file in its folder matches.</summary>
    private static bool IsProduced(AbsolutePath artifact) =>
        artifact.Name.IndexOfAny(['*', '?']) < 0
            ? artifact.FileExists()
            : artifact.Parent.DirectoryExists() && Directory.EnumerateFiles(artifact.Parent, artifact.Name).Any();

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

namespace BuildEngine;

public enum TargetStatus
{
    /// <summary>Planned and waiting for its turn.</summary>
    Pending,
    Succeeded,
    Failed,
    Skipped,
    /// <summary>Did not run because a target it needs failed, or the build stopped first.</summary>
    NotRun,
    /// <summary>Cancelled while running (Ctrl+C, pipeline abort).</summary>
    Aborted,
}

/// <summary>A target in the plan with what happened to it.</summary>
public sealed class PlannedTarget(TargetDefinition definition, bool invoked)
{
    public TargetDefinition Definition { get; } = definition;
    public string Name => Definition.Name;

    /// <summary>Named on the command line (or a default target); --skip never skips these.</summary>
    public bool Invoked { get; } = invoked;
    public TargetStatus Status { get; internal set; } = TargetStatus.Pending;
    public string? Reason { get; internal set; }
    public TimeSpan Duration { get; internal set; }

    /// <summary>What the target reported for the summary table (<see cref="NukeBuild.ReportSummary"/>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Summary => _summary;

    private readonly List<KeyValuePair<string, string>> _summary = [];

    internal void AddSummary(string key, string value) => _summary.Add(new(key, value));

    internal void Skip(string reason)
    {
        Status = TargetStatus.Skipped;
        Reason = reason;
    }
}

/// <summary>The ordered targets of one build run.</summary>
public sealed class ExecutionPlan(IReadOnlyList<PlannedTarget> targets)
{
    public IReadOnlyList<PlannedTarget> Targets { get; } = targets;

    public PlannedTarget? this[string name] => Targets.FirstOrDefault(target => target.Name == name);

    /// <summary>The target whose actions are running now, if any.</summary>
    public PlannedTarget? Running { get; internal set; }

    public bool HasFailed => Targets.Any(target => target.Status is TargetStatus.Failed or TargetStatus.Aborted);
}

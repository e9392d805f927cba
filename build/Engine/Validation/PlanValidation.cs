namespace BuildEngine;

/// <summary>
/// The validation phase: before the first target starts, every target that will run (not skipped) checks its
/// requirements and inputs. A skipped target's inputs are not required. <c>--plan</c> runs the same checks.
/// </summary>
public static class PlanValidation
{
    /// <summary>Every problem, in plan order, each once (several targets may read the same bad value).</summary>
    public static IReadOnlyList<string> Problems(ExecutionPlan plan) =>
        plan.Targets
            .Where(target => target.Status == TargetStatus.Pending)
            .SelectMany(target => target.Definition.Requirements)
            .Select(requirement => requirement.Check())
            .OfType<string>()
            .Distinct()
            .ToList();
}

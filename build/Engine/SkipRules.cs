namespace BuildEngine;

/// <summary>
/// The one skip model, decided before anything runs (see --help):
/// 1. A target named on the command line (or a default target) is never skipped by --skip.
/// 2. A bare --skip skips every other planned target; --skip A B skips exactly A and B.
/// 3. Otherwise a branch condition or an OnlyWhenStatic condition that is false skips the target.
/// A skip affects only the target it names: its dependencies still run (unless skipped themselves), and a
/// skipped target counts as done for the targets that depend on it.
/// </summary>
public static class SkipRules
{
    /// <param name="skip">null without --skip; empty for a bare --skip; else the names given.</param>
    public static void Apply(ExecutionPlan plan, IReadOnlyCollection<TargetDefinition>? skip, BuildBranch branch)
    {
        foreach (var target in plan.Targets)
        {
            if (!target.Invoked && skip is not null && (skip.Count == 0 || skip.Contains(target.Definition)))
            {
                target.Skip("--skip");
                continue;
            }
            if (branch.WhyNot(target.Definition.BranchPatterns) is { } branchReason)
            {
                target.Skip(branchReason);
                continue;
            }
            var failed = target.Definition.StaticConditions.FirstOrDefault(condition => !condition.Evaluate());
            if (failed is not null)
                target.Skip($"OnlyWhen: {failed.Text}");
        }
    }
}

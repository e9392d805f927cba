using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace BuildEngine;

/// <summary>The fluent vocabulary a target uses to describe itself, shaped like NUKE's.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>Plans the given targets too and runs them first.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Orders this target after the given ones when both are planned; plans nothing.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Orders this target before the given ones when both are planned; plans nothing.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Plans the given targets too and runs them after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Evaluated before anything runs; a false condition skips the target (its source text is the reason).</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>Evaluated just before the target runs; a false condition skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>
    /// Runs the target only on builds of a branch matching one of the patterns (<see cref="BranchPattern"/> globs) and
    /// never on pull-request builds. Data, not code: the plan, the summary and generated pipelines all read it.
    /// </summary>
    ITargetDefinition OnlyOnBranches(params string[] patterns);

    /// <summary>
    /// Fails the build before any target runs when the member is null, empty or whitespace; a parameter is named by
    /// its option and other sources ("requires --registry (or REGISTRY, or parameters.json's Registry)").
    /// </summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> member);

    /// <summary>Fails the build before any target runs when the condition is false (its source text is the message).</summary>
    ITargetDefinition Requires(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>
    /// Declares a parameter the target reads without requiring it. CI pipelines bind a parameter's credentials
    /// (<see cref="ParameterAttribute.CredentialsId"/>) only around the stages of targets that use or require it.
    /// </summary>
    ITargetDefinition Uses<T>(Expression<Func<T>> member);

    /// <summary>
    /// Files the target leaves behind for CI to publish (NUKE's Produces). A <c>*</c> may stand for part of the file
    /// name. A target that succeeds without leaving one of them fails: CI would archive nothing.
    /// </summary>
    ITargetDefinition Produces(params AbsolutePath[] artifacts);

    /// <summary>
    /// At most one run of this target at a time per resource, across builds and branches (e.g. one release in one
    /// namespace): CI pipelines wrap its stage in a lock on that resource.
    /// </summary>
    ITargetDefinition Exclusive(string resource);

    /// <summary>
    /// Fails the build before any target runs when the member's value breaks the rule, naming the option, the value,
    /// where it came from and the rule. A null value is left to <see cref="Requires{T}(Expression{Func{T}})"/>.
    /// </summary>
    ITargetDefinition Validates<T>(Expression<Func<T?>> member, ValueRule<T> rule);

    /// <summary>Like the single-value form, for each value of an array parameter.</summary>
    ITargetDefinition Validates<T>(Expression<Func<T[]?>> member, ValueRule<T> rule);

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Lets targets that do not depend on this one run after it failed; the build still fails.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Hides the target from help, schema and generated files; it can still be invoked by name.</summary>
    ITargetDefinition Unlisted();
}

using System.Linq.Expressions;

namespace BuildEngine;

/// <summary>What a target said about itself. Filled once through <see cref="ITargetDefinition"/>, then read-only data.</summary>
public sealed class TargetDefinition : ITargetDefinition
{
    private readonly List<Target> _dependsOn = [];
    private readonly List<Target> _after = [];
    private readonly List<Target> _before = [];
    private readonly List<Target> _triggers = [];
    private readonly List<Condition> _staticConditions = [];
    private readonly List<Condition> _dynamicConditions = [];
    private readonly List<Requirement> _requirements = [];
    private readonly List<Func<Task>> _actions = [];
    private readonly List<string> _branchPatterns = [];
    private readonly List<string> _usedParameters = [];
    private readonly List<string> _requiredMembers = [];
    private readonly List<AbsolutePath> _artifacts = [];

    private readonly IReadOnlyList<BuildParameter> _parameters;

    /// <param name="parameters">The build's bound parameters: requirements name them by option, not by member.</param>
    internal TargetDefinition(string name, int declarationIndex, IReadOnlyList<BuildParameter>? parameters = null)
    {
        Name = name;
        DeclarationIndex = declarationIndex;
        _parameters = parameters ?? [];
    }

    public string Name { get; }
    public int DeclarationIndex { get; }
    public string? DescriptionText { get; private set; }
    public bool IsUnlisted { get; private set; }
    public bool ProceedsAfterFailure { get; private set; }
    public bool HasActions => _actions.Count > 0;

    /// <summary>Branch patterns the target is limited to; empty means every branch.</summary>
    public IReadOnlyList<string> BranchPatterns => _branchPatterns;
    public IReadOnlyList<Condition> StaticConditions => _staticConditions;
    public IReadOnlyList<Condition> DynamicConditions => _dynamicConditions;
    public IReadOnlyList<Requirement> Requirements => _requirements;

    /// <summary>Parameters the target declared with <c>Uses</c> (the model checks each is a parameter).</summary>
    public IReadOnlyList<string> UsedParameters => _usedParameters;

    /// <summary>Every member the target reads by name: <c>Uses</c>, then <c>Requires(() =&gt; Member)</c>.</summary>
    public IEnumerable<string> MembersRead => _usedParameters.Concat(_requiredMembers).Distinct();

    /// <summary>What the target leaves for CI to publish (<c>Produces</c>).</summary>
    public IReadOnlyList<AbsolutePath> Artifacts => _artifacts;

    /// <summary>The resource at most one run of this target holds at a time, or null.</summary>
    public string? ExclusiveResource { get; private set; }
    internal IReadOnlyList<Func<Task>> Actions => _actions;

    // Resolved by the loader once every definition exists.
    public IReadOnlyList<TargetDefinition> Dependencies { get; private set; } = [];
    public IReadOnlyList<TargetDefinition> OrderedAfter { get; private set; } = [];
    public IReadOnlyList<TargetDefinition> OrderedBefore { get; private set; } = [];
    public IReadOnlyList<TargetDefinition> Triggered { get; private set; } = [];

    internal void Resolve(Func<Target, TargetDefinition> lookup)
    {
        Dependencies = _dependsOn.Select(lookup).Distinct().ToList();
        OrderedAfter = _after.Select(lookup).Distinct().ToList();
        OrderedBefore = _before.Select(lookup).Distinct().ToList();
        Triggered = _triggers.Select(lookup).Distinct().ToList();
    }

    public override string ToString() => Name;

    ITargetDefinition ITargetDefinition.Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    ITargetDefinition ITargetDefinition.DependsOn(params Target[] targets) => AddAll(_dependsOn, targets);
    ITargetDefinition ITargetDefinition.After(params Target[] targets) => AddAll(_after, targets);
    ITargetDefinition ITargetDefinition.Before(params Target[] targets) => AddAll(_before, targets);
    ITargetDefinition ITargetDefinition.Triggers(params Target[] targets) => AddAll(_triggers, targets);

    ITargetDefinition ITargetDefinition.OnlyWhenStatic(Func<bool> condition, string? text)
    {
        _staticConditions.Add(new Condition(condition, Condition.Clean(text)));
        return this;
    }

    ITargetDefinition ITargetDefinition.OnlyWhenDynamic(Func<bool> condition, string? text)
    {
        _dynamicConditions.Add(new Condition(condition, Condition.Clean(text)));
        return this;
    }

    ITargetDefinition ITargetDefinition.OnlyOnBranches(params string[] patterns)
    {
        if (patterns.Length == 0 || patterns.Any(string.IsNullOrWhiteSpace))
            throw new BuildDefinitionException($"Target '{Name}': OnlyOnBranches needs at least one non-empty branch pattern.");
        foreach (var pattern in patterns)
            ThrowOnBadBranchPattern(pattern);
        _branchPatterns.AddRange(patterns);
        return this;
    }

    ITargetDefinition ITargetDefinition.Requires<T>(Expression<Func<T>> member)
    {
        _requirements.Add(Requirement.Present(Name, member, _parameters));
        if (member.Body is MemberExpression access)
            _requiredMembers.Add(access.Member.Name);
        return this;
    }

    ITargetDefinition ITargetDefinition.Uses<T>(Expression<Func<T>> member)
    {
        if (member.Body is not MemberExpression access)
            throw new BuildDefinitionException($"Target '{Name}': Uses needs a member, like Uses(() => RegistryPassword); got {member.Body}.");
        _usedParameters.Add(access.Member.Name);
        return this;
    }

    ITargetDefinition ITargetDefinition.Produces(params AbsolutePath[] artifacts)
    {
        if (artifacts.Length == 0)
            throw new BuildDefinitionException($"Target '{Name}': Produces needs at least one path.");
        _artifacts.AddRange(artifacts);
        return this;
    }

    ITargetDefinition ITargetDefinition.Exclusive(string resource)
    {
        if (string.IsNullOrWhiteSpace(resource))
            throw new BuildDefinitionException($"Target '{Name}': Exclusive needs a resource name.");
        ExclusiveResource = resource;
        return this;
    }

    ITargetDefinition ITargetDefinition.Validates<T>(Expression<Func<T?>> member, ValueRule<T> rule) where T : default
    {
        var read = member.Compile();
        _requirements.Add(Requirement.Follows(member.Body, () => [read()], rule, _parameters));
        return this;
    }

    ITargetDefinition ITargetDefinition.Validates<T>(Expression<Func<T[]?>> member, ValueRule<T> rule) where T : default
    {
        var read = member.Compile();
        _requirements.Add(Requirement.Follows(member.Body, () => read() ?? [], rule, _parameters));
        return this;
    }

    ITargetDefinition ITargetDefinition.Requires(Func<bool> condition, string? text)
    {
        _requirements.Add(Requirement.ForCondition(Name, condition, Condition.Clean(text)));
        return this;
    }

    ITargetDefinition ITargetDefinition.Executes(Action action)
    {
        _actions.Add(() =>
        {
            action();
            return Task.CompletedTask;
        });
        return this;
    }

    ITargetDefinition ITargetDefinition.Executes(Func<Task> action)
    {
        _actions.Add(action);
        return this;
    }

    ITargetDefinition ITargetDefinition.ProceedAfterFailure()
    {
        ProceedsAfterFailure = true;
        return this;
    }

    ITargetDefinition ITargetDefinition.Unlisted()
    {
        IsUnlisted = true;
        return this;
    }

    /// <summary>
    /// Branch patterns end up in plans and in generated pipelines (a Jenkinsfile's <c>when { branch '...' }</c>): one
    /// with a control character is refused while the targets load, naming the parameter it came from when there is one.
    /// </summary>
    private void ThrowOnBadBranchPattern(string pattern)
    {
        if (BranchPattern.Problem(pattern) is not { } problem)
            return;
        var source = _parameters.FirstOrDefault(parameter => parameter.Value is string value && value == pattern);
        throw source is null
            ? new BuildDefinitionException($"Target '{Name}': branch pattern '{Requirement.Printable(pattern)}' {problem}.")
            : new BuildUsageException($"{source.OptionName} '{Requirement.Printable(pattern)}' must be a branch pattern: it {problem}.");
    }

    private TargetDefinition AddAll(List<Target> list, Target[] targets)
    {
        list.AddRange(targets);
        return this;
    }
}

/// <summary>A condition and the source text that explains it in plans and summaries.</summary>
public sealed record Condition(Func<bool> Evaluate, string Text)
{
    internal static string Clean(string? text)
    {
        var cleaned = (text ?? "condition").Trim();
        return cleaned.StartsWith("() =>", StringComparison.Ordinal) ? cleaned[5..].Trim() : cleaned;
    }
}

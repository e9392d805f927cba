using System.Reflection;

namespace BuildEngine;

/// <summary>Everything a build declared: targets in declaration order and parameters with their values.</summary>
public sealed class BuildModel
{
    private BuildModel(IReadOnlyList<TargetDefinition> targets, IReadOnlyList<string> defaultTargetNames, IReadOnlyList<BuildParameter> parameters)
    {
        Targets = targets;
        Parameters = parameters;
        DefaultTargets = defaultTargetNames.Select(Find).ToList();
    }

    public IReadOnlyList<TargetDefinition> Targets { get; }
    /// <summary>
    /// Listed targets in reading order for help and schema: alphabetical, each preceded by its dependencies, so
    /// Restore, Compile, Test... read as a pipeline whatever file declared them.
    /// </summary>
    public IEnumerable<TargetDefinition> ListedTargets => ReadingOrder().Where(target => !target.IsUnlisted);
    public IReadOnlyList<TargetDefinition> DefaultTargets { get; }
    public IReadOnlyList<BuildParameter> Parameters { get; }

    /// <summary>The parameters a target reads by name (<c>Uses</c>, <c>Requires(() =&gt; Member)</c>).</summary>
    public IEnumerable<BuildParameter> ParametersOf(TargetDefinition target) =>
        target.MembersRead.SelectMany(member => Parameters.Where(parameter => parameter.MemberName == member));

    /// <summary>Finds a target by any spelling of its name; unknown names get a "did you mean" error.</summary>
    public TargetDefinition Find(string name) =>
        Targets.FirstOrDefault(target => Naming.MatchKey(target.Name) == Naming.MatchKey(name))
        ?? throw new BuildUsageException(
            $"Unknown target '{name}'.{Suggestions.DidYouMean(name, ListedTargets.Select(target => target.Name))}" +
            $" Available targets: {string.Join(", ", ListedTargets.Select(target => target.Name))}.");

    private List<TargetDefinition> ReadingOrder()
    {
        var order = new List<TargetDefinition>();
        var seen = new HashSet<TargetDefinition>();
        void Visit(TargetDefinition target)
        {
            if (!seen.Add(target))
                return;
            foreach (var dependency in target.Dependencies.OrderBy(dependency => dependency.Name, StringComparer.Ordinal))
                Visit(dependency);
            order.Add(target);
        }
        foreach (var target in Targets.OrderBy(target => target.Name, StringComparer.Ordinal))
            Visit(target);
        return order;
    }

    /// <summary>Reads every <see cref="Target"/> property of the build. Call after parameters are bound.</summary>
    internal static BuildModel Load(NukeBuild build, IReadOnlyList<string> defaultTargetNames, IReadOnlyList<BuildParameter> parameters)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var byMethod = new Dictionary<MethodInfo, TargetDefinition>();
        var targets = new List<TargetDefinition>();
        foreach (var property in build.GetType().GetProperties(flags).Where(property => property.PropertyType == typeof(Target)))
        {
            var target = (Target)property.GetValue(build)!;
            var definition = new TargetDefinition(property.Name, targets.Count, parameters);
            if (!byMethod.TryAdd(target.Method, definition))
                throw new BuildDefinitionException($"Targets '{byMethod[target.Method].Name}' and '{property.Name}' are the same target.");
            targets.Add(definition);
            target(definition);
        }

        foreach (var definition in targets)
        {
            definition.Resolve(target => byMethod.TryGetValue(target.Method, out var found)
                ? found
                : throw new BuildDefinitionException($"Target '{definition.Name}' refers to a target that is not a property of the build."));
        }

        // Here, not per plan: a bad definition fails every invocation, --help included.
        ExecutionPlanner.ThrowOnCycles(targets);
        foreach (var (target, member) in targets.SelectMany(target => target.UsedParameters.Select(member => (target, member))))
        {
            if (!parameters.Any(parameter => parameter.MemberName == member))
                throw new BuildDefinitionException($"Target '{target.Name}' uses '{member}', which is not a [Parameter] of the build.");
        }
        return new BuildModel(targets, defaultTargetNames, parameters);
    }
}

namespace BuildEngine;

/// <summary>
/// Turns invoked targets into an ordered plan. DependsOn and Triggers add targets; After and Before only order
/// targets that are already planned. Ties keep declaration order (across partial files, the order the compiler reads
/// them in), so plans read like the build file. The targets come from a loaded <see cref="BuildModel"/>, whose whole
/// graph was checked for cycles.
/// </summary>
public static class ExecutionPlanner
{
    public static IReadOnlyList<TargetDefinition> Plan(IReadOnlyList<TargetDefinition> all, IReadOnlyList<TargetDefinition> invoked)
    {
        var planned = new HashSet<TargetDefinition>();
        var pending = new Stack<TargetDefinition>(invoked);
        while (pending.TryPop(out var target))
        {
            if (!planned.Add(target))
                continue;
            foreach (var next in target.Dependencies.Concat(target.Triggered))
                pending.Push(next);
        }

        var edges = Edges(planned).ToList();
        var incoming = planned.ToDictionary(target => target, target => edges.Count(edge => edge.To == target));
        var ready = new PriorityQueue<TargetDefinition, int>();
        foreach (var (target, count) in incoming.Where(pair => pair.Value == 0))
            ready.Enqueue(target, target.DeclarationIndex);

        var order = new List<TargetDefinition>(planned.Count);
        while (ready.TryDequeue(out var target, out _))
        {
            order.Add(target);
            foreach (var edge in edges.Where(edge => edge.From == target))
            {
                if (--incoming[edge.To] == 0)
                    ready.Enqueue(edge.To, edge.To.DeclarationIndex);
            }
        }
        return order;
    }

    /// <summary>Every ordering edge between the given targets: "From runs before To".</summary>
    private static IEnumerable<(TargetDefinition From, TargetDefinition To)> Edges(IReadOnlySet<TargetDefinition> targets)
    {
        foreach (var target in targets)
        {
            foreach (var dependency in target.Dependencies.Concat(target.OrderedAfter).Where(targets.Contains))
                yield return (dependency, target);
            foreach (var follower in target.OrderedBefore.Concat(target.Triggered).Where(targets.Contains))
                yield return (target, follower);
        }
    }

    /// <summary>Fails on any cycle in the whole graph, naming its members.</summary>
    internal static void ThrowOnCycles(IReadOnlyList<TargetDefinition> all)
    {
        var edges = Edges(all.ToHashSet()).ToLookup(edge => edge.From, edge => edge.To);
        var cycles = StronglyConnected(all, edges)
            .Where(component => component.Count > 1 || edges[component[0]].Contains(component[0]))
            .Select(component => string.Join(", ", component.OrderBy(target => target.DeclarationIndex)))
            .ToList();
        if (cycles.Count > 0)
        {
            throw new BuildDefinitionException(string.Join(Environment.NewLine,
                cycles.Select(cycle => $"Circular dependencies between targets: {cycle}")));
        }
    }

    // Tarjan's algorithm: each strongly connected component with more than one member is a cycle.
    private static List<List<TargetDefinition>> StronglyConnected(
        IReadOnlyList<TargetDefinition> nodes, ILookup<TargetDefinition, TargetDefinition> edges)
    {
        var index = 0;
        var indices = new Dictionary<TargetDefinition, int>();
        var lowLinks = new Dictionary<TargetDefinition, int>();
        var stack = new Stack<TargetDefinition>();
        var result = new List<List<TargetDefinition>>();

        void Visit(TargetDefinition node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            foreach (var next in edges[node])
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (stack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
                }
            }

            if (lowLinks[node] != indices[node])
                return;
            var component = new List<TargetDefinition>();
            TargetDefinition member;
            do
            {
                member = stack.Pop();
                component.Add(member);
            }
            while (member != node);
            result.Add(component);
        }

        foreach (var node in nodes.Where(node => !indices.ContainsKey(node)))
            Visit(node);
        return result;
    }
}

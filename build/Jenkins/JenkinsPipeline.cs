using BuildEngine;

namespace Jenkins;

/// <summary>One stage: a target run by <c>./build.sh</c>, limited to the branches the target declares.</summary>
public sealed record JenkinsStage(string Target, IReadOnlyList<string> BranchPatterns, bool InDockerAgent);

/// <summary>
/// The pipeline as data, derived from the target graph: the plan of the last target, whose prefix up to the agent
/// target runs as one stage inside the Dockerfile agent, and every later target as a stage of its own.
/// </summary>
public sealed record JenkinsPipeline(IReadOnlyList<JenkinsStage> Stages)
{
    public static JenkinsPipeline FromTargets(BuildModel model, string agentTarget, string lastTarget)
    {
        var plan = ExecutionPlanner.Plan(model.Targets, [model.Find(lastTarget)]);
        var agent = model.Find(agentTarget);
        var agentIndex = plan.ToList().IndexOf(agent);
        if (agentIndex < 0)
            throw new BuildDefinitionException($"Jenkinsfile: {lastTarget} does not depend on {agentTarget}, so the pipeline would not test.");

        var agentClosure = Closure(agent);
        var stray = plan.Take(agentIndex).FirstOrDefault(target => !agentClosure.Contains(target));
        if (stray is not null)
            throw new BuildDefinitionException($"Jenkinsfile: {stray.Name} runs before {agentTarget} but is not one of its dependencies.");

        var stages = plan.Skip(agentIndex + 1)
            .Select(target => new JenkinsStage(target.Name, target.BranchPatterns, InDockerAgent: false))
            .Prepend(new JenkinsStage(agent.Name, agent.BranchPatterns, InDockerAgent: true))
            .ToList();
        return new JenkinsPipeline(stages);
    }

    private static HashSet<TargetDefinition> Closure(TargetDefinition target)
    {
        var result = new HashSet<TargetDefinition>();
        var pending = new Stack<TargetDefinition>(target.Dependencies);
        while (pending.TryPop(out var next))
        {
            if (result.Add(next))
            {
                foreach (var dependency in next.Dependencies)
                    pending.Push(dependency);
            }
        }
        return result;
    }
}

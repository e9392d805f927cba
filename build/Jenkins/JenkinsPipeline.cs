using BuildEngine;

namespace Jenkins;

/// <summary>How a credential reaches a stage: Credentials Binding's <c>string(...)</c> or <c>file(...)</c>.</summary>
public enum CredentialKind
{
    /// <summary>A "Secret text" credential, bound to a variable holding the text.</summary>
    Text,
    /// <summary>A "Secret file" credential, bound to a variable holding the path of a temporary copy.</summary>
    File,
}

/// <summary>A credential a stage binds: its id in Jenkins and the environment variable the build reads it from.</summary>
public sealed record JenkinsCredential(CredentialKind Kind, string Id, string Variable);

/// <summary>
/// One stage: a target run by <c>./build.sh</c>, limited to the branches the target declares, with the credentials
/// of the parameters it reads, the lock it declares exclusive, and the artifacts it produces.
/// </summary>
public sealed record JenkinsStage(string Target, IReadOnlyList<string> BranchPatterns, bool InDockerAgent)
{
    public IReadOnlyList<JenkinsCredential> Credentials { get; init; } = [];

    /// <summary>The Lockable Resources resource held while the stage runs, or null.</summary>
    public string? Lock { get; init; }

    /// <summary>Workspace-relative paths (or globs) archived when the stage succeeds.</summary>
    public IReadOnlyList<string> Artifacts { get; init; } = [];

    /// <summary>
    /// The stage's one shell step. Earlier stages ran the dependencies, so later stages skip them; the agent stage
    /// runs its own dependencies in the container.
    /// </summary>
    public string Command => InDockerAgent ? $"./build.sh {Target}" : $"./build.sh {Target} --skip";

    /// <summary>JUnit XML the stage publishes, whatever happened (the agent stage runs the tests).</summary>
    public string? TestResults => InDockerAgent ? JenkinsPipeline.TestResults : null;
}

/// <summary>
/// The pipeline as data, derived from the target graph: the plan of the last target, whose prefix up to the agent
/// target runs as one stage inside the Dockerfile agent, and every later target as a stage of its own. The
/// Jenkinsfile is written from it, and the E2E rehearsal runs it: one model, so the two cannot drift.
/// </summary>
public sealed record JenkinsPipeline(IReadOnlyList<JenkinsStage> Stages)
{
    public const string Dockerfile = "Dockerfile";

    /// <summary>Single quotes in Groovy: the node's shell expands <c>$(id -u)</c> when the plugin runs docker build.</summary>
    public const string AgentBuildArguments = "--target test --build-arg UID=$(id -u) --build-arg GID=$(id -g)";

    public const string TestResults = "artifacts/test-results/*.xml";
    public const string Schedule = "@daily";

    public static JenkinsPipeline FromTargets(BuildModel model, AbsolutePath root, string agentTarget, string lastTarget)
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
            .Select(target => Stage(model, root, target, [target], inDockerAgent: false))
            .Prepend(Stage(model, root, agent, plan.Take(agentIndex + 1).ToList(), inDockerAgent: true))
            .ToList();
        return new JenkinsPipeline(stages);
    }

    /// <param name="runs">The targets the stage's command runs: their credentials are bound around it.</param>
    private static JenkinsStage Stage(BuildModel model, AbsolutePath root, TargetDefinition target, IReadOnlyList<TargetDefinition> runs, bool inDockerAgent) =>
        new(target.Name, target.BranchPatterns, inDockerAgent)
        {
            Credentials = runs.SelectMany(model.ParametersOf)
                .Where(parameter => parameter.CredentialsId is not null)
                .Select(parameter => new JenkinsCredential(
                    (Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type) == typeof(AbsolutePath) ? CredentialKind.File : CredentialKind.Text,
                    parameter.CredentialsId!,
                    parameter.EnvironmentVariables[0]))
                .Distinct()
                .ToList(),
            Lock = target.ExclusiveResource,
            Artifacts = runs.SelectMany(run => run.Artifacts).Select(artifact => artifact.GetRelativePathFrom(root).Replace('\\', '/')).ToList(),
        };

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

using BuildEngine;
using E2E;
using Jenkins;
using Tools;

partial class Build
{
    /// <summary>
    /// E2E's Jenkins rehearsal (build/E2E/Jenkins): the stages of the pipeline the committed Jenkinsfile is written
    /// from, so it first checks that the Jenkinsfile is exactly that pipeline's.
    /// </summary>
    async Task RehearseJenkins(DockerEngine engine, Docker docker, LocalRegistry registry)
    {
        if (!JenkinsfilePath.FileExists() || File.ReadAllText(JenkinsfilePath).ReplaceLineEndings("\n") != JenkinsfileWriter.Write(Pipeline, JenkinsfileCommand))
            throw new BuildFailedException($"{JenkinsfilePath} is not the pipeline the rehearsal runs: run {JenkinsfileCommand}.");
        var deployCondition = Model.Find(nameof(Deploy)).DynamicConditions.Single().Text;
        var inputs = new JenkinsRehearsal.Inputs(
            DeploySkipReason: $"OnlyWhen: {deployCondition}",
            DockerClient: ExecutableLocator.Find("docker", EnvironmentVariables) ?? throw new BuildFailedException("docker is not on PATH."),
            Helm: HelmExecutable ?? throw new BuildFailedException($"The node image needs helm. {Helm.MissingHint}"),
            WorkingTreeFiles: await Git.WorkingTreeFiles(),
            Registry: registry.Host);
        await new JenkinsRehearsal(Runner, docker, engine, Pipeline, RootDirectory, E2EDirectory / "jenkins").Run(inputs);
    }
}

using BuildEngine;
using Jenkins;

partial class Build
{
    const string JenkinsfileCommand = "./build.sh Jenkinsfile";

    AbsolutePath JenkinsfilePath => RootDirectory / "Jenkinsfile";

    Target Jenkinsfile => _ => _
        .Description("Regenerates the Jenkinsfile from the target graph (every local run does it too)")
        .Executes(() => Log.Success($"{JenkinsfilePath.GetRelativePathFrom(RootDirectory)} matches the targets: " +
            string.Join(" → ", Pipeline.Stages.Select(stage => stage.Target))));

    /// <summary>Test runs in the Dockerfile agent; every target after it on the way to Deploy is a stage.</summary>
    JenkinsPipeline Pipeline => JenkinsPipeline.FromTargets(Model, nameof(Test), nameof(Deploy));

    protected override IEnumerable<GeneratedFile> GeneratedFiles()
    {
        yield return new GeneratedFile(JenkinsfilePath, JenkinsfileWriter.Write(Pipeline, JenkinsfileCommand), JenkinsfileCommand);
        foreach (var file in IdeRunConfigurations().Concat(Documentation()))
            yield return file;
        foreach (var file in ChartDocs.ChartDocumentation.GeneratedFiles(RootDirectory / "chart")) yield return file;
    }
}

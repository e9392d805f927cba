using BuildEngine;
using ChartDocs;
using Docs;
using Ide;
using Jenkins;

partial class Build
{
    const string JenkinsfileCommand = "./build.sh Jenkinsfile";
    const string AnyRunCommand = "./build.sh --help";

    AbsolutePath JenkinsfilePath => RootDirectory / "Jenkinsfile";
    AbsolutePath ReadmeFile => RootDirectory / "README.md";

    Target Jenkinsfile => _ => _
        .Description("Regenerates the Jenkinsfile from the target graph (every local run does it too)")
        .Executes(() => Log.Success($"{JenkinsfilePath.GetRelativePathFrom(RootDirectory)} matches the targets: " +
            string.Join(" → ", Pipeline.Stages.Select(stage => stage.Target))));

    /// <summary>Test runs in the Dockerfile agent; every target after it on the way to Deploy is a stage.</summary>
    JenkinsPipeline Pipeline => JenkinsPipeline.FromTargets(Model, RootDirectory, nameof(Test), nameof(Deploy));

    /// <summary>
    /// Every file written from the targets besides the engine's schema: local runs rewrite them, Jenkins fails on a
    /// stale one. The Jenkinsfile; IDE run configurations (Rider and Visual Studio, VS Code); README.md's target graph;
    /// the chart's values.schema.json and README table, generated from values.yaml's comments.
    /// </summary>
    protected override IEnumerable<GeneratedFile> GeneratedFiles()
    {
        yield return new GeneratedFile(JenkinsfilePath, JenkinsfileWriter.Write(Pipeline, JenkinsfileCommand), JenkinsfileCommand);

        var targets = Model.ListedTargets.ToList();
        var profiles = ParametersFiles.Profiles(RootDirectory);
        yield return new GeneratedFile(RootDirectory / "build" / "Properties" / "launchSettings.json", IdeFiles.LaunchSettings(targets, profiles), AnyRunCommand);
        yield return new GeneratedFile(RootDirectory / ".vscode" / "tasks.json", IdeFiles.Tasks(targets, nameof(Test), nameof(Compile), profiles), AnyRunCommand);
        yield return new GeneratedFile(RootDirectory / ".vscode" / "launch.json", IdeFiles.Launch(targets, nameof(Test), profiles), AnyRunCommand);

        if (ReadmeFile.FileExists())
            yield return new GeneratedFile(ReadmeFile, TargetGraph.UpdateReadme(File.ReadAllText(ReadmeFile), targets), AnyRunCommand);

        foreach (var file in ChartDocumentation.GeneratedFiles(RootDirectory / "chart"))
            yield return file;
    }
}

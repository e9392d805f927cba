using BuildEngine;
using Ide;

partial class Build
{
    const string IdeFilesCommand = "./build.sh --help";

    /// <summary>IDE run configurations: regenerated with the Jenkinsfile and the schema, checked on CI the same way.</summary>
    IEnumerable<GeneratedFile> IdeRunConfigurations()
    {
        var targets = Model.ListedTargets.ToList();
        yield return new GeneratedFile(RootDirectory / "build" / "Properties" / "launchSettings.json", IdeFiles.LaunchSettings(targets), IdeFilesCommand);
        yield return new GeneratedFile(RootDirectory / ".vscode" / "tasks.json", IdeFiles.Tasks(targets, nameof(Test), nameof(Compile)), IdeFilesCommand);
        yield return new GeneratedFile(RootDirectory / ".vscode" / "launch.json", IdeFiles.Launch(targets, nameof(Test)), IdeFilesCommand);
    }
}

using BuildEngine;
using Docs;

partial class Build
{
    AbsolutePath ReadmeFile => RootDirectory / "README.md";

    /// <summary>README.md's target graph, kept in sync like the Jenkinsfile.</summary>
    IEnumerable<GeneratedFile> Documentation()
    {
        if (ReadmeFile.FileExists())
            yield return new GeneratedFile(ReadmeFile, TargetGraph.UpdateReadme(File.ReadAllText(ReadmeFile), Model.ListedTargets), "./build.sh --help");
    }
}

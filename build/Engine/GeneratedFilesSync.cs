namespace BuildEngine;

/// <summary>
/// Keeps the files generated from the build definition in step: local builds rewrite a stale one, server builds fail
/// on it, naming the command that fixes it. They describe the build as the team configured it, .nuke/parameters.json
/// and the defaults in code, never one invocation's command line, environment or profile: a local
/// <c>--profile production</c> or <c>--deploy-branch x</c> run must not rewrite the committed Jenkinsfile.
/// </summary>
internal static class GeneratedFilesSync
{
    public static void Run(NukeBuild build, IReadOnlyList<string> defaultTargets, IReadOnlyDictionary<string, string> environment)
    {
        var team = AsTeamConfigured(build, defaultTargets, environment);
        var schema = new GeneratedFile(build.RootDirectory / ".nuke" / "build.schema.json",
            SchemaWriter.Write(team.Model, ParametersFiles.Profiles(build.RootDirectory)), "./build.sh --help");
        var files = team.AllGeneratedFiles().Prepend(schema).ToList();
        if (build.IsLocalBuild)
        {
            foreach (var file in files.Where(file => file.Write()))
                Log.Information($"Regenerated {file.Path.GetRelativePathFrom(build.RootDirectory)} from the build definition.");
            return;
        }

        var stale = files.Where(file => !file.IsCurrent()).ToList();
        if (stale.Count > 0)
        {
            throw new BuildUsageException(string.Join(Environment.NewLine, stale.Select(file =>
                $"{file.Path.GetRelativePathFrom(build.RootDirectory)} is out of date with the build definition: " +
                $"run '{file.RegenerateCommand}' locally and commit the result.")));
        }
    }

    /// <summary>A second instance of the build with parameters from .nuke/parameters.json and the initialisers only.</summary>
    private static NukeBuild AsTeamConfigured(NukeBuild build, IReadOnlyList<string> defaultTargets, IReadOnlyDictionary<string, string> environment)
    {
        if (build.GetType().GetConstructor(Type.EmptyTypes) is null)
            return build;
        var team = (NukeBuild)Activator.CreateInstance(build.GetType())!;
        team.RootDirectory = build.RootDirectory;
        team.Verbosity = build.Verbosity;
        team.EnvironmentVariables = environment;
        var parameters = new ParameterBinder(new Dictionary<string, string>(), build.RootDirectory).Bind(team, CommandLine.Parse([]));
        team.Model = BuildModel.Load(team, defaultTargets, parameters);
        return team;
    }
}

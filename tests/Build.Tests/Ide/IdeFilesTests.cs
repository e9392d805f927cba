using System.Diagnostics;
using System.Text.Json;
using BuildEngine;

namespace BuildTests.Ide;

public class IdeFilesTests : BuildHostFixture
{
    private static readonly string[] GeneratedPaths = ["build/Properties/launchSettings.json", ".vscode/tasks.json", ".vscode/launch.json"];

    private JsonElement Read(string relative) => JsonDocument.Parse(File.ReadAllText(Host.Root / relative)).RootElement;

    private void Generate(NukeBuild build) =>
        Host.RunWithDefaults(build, [], ["--help"]).Should().Be(ExitCodes.Success, Host.Output);

    [TestCaseSource(nameof(GeneratedPaths))]
    public void The_committed_files_are_what_the_build_generates(string relative)
    {
        var root = AbsolutePath.Create(RepositoryRoot.Path);
        File.Copy(root / ".nuke" / "parameters.json", Host.Root / ".nuke" / "parameters.json");

        Generate(new Build());

        File.ReadAllText(Host.Root / relative).Should().Be(File.ReadAllText(root / relative).ReplaceLineEndings("\n"),
            $"{relative} must match the targets: run ./build.sh --help and commit it");
    }

    [Test]
    public void Every_listed_target_is_one_click_away_and_unlisted_ones_are_not()
    {
        Generate(new IdeBuild());

        var profiles = Read("build/Properties/launchSettings.json").GetProperty("profiles");
        profiles.EnumerateObject().Select(profile => profile.Name).Should().Equal("Compile", "Test", "Publish", "--continue");
        var test = profiles.GetProperty("Test");
        test.GetProperty("commandName").GetString().Should().Be("Project");
        test.GetProperty("commandLineArgs").GetString().Should().Be("Test");
        test.GetProperty("workingDirectory").GetString().Should().Be("$(ProjectDir)..", "the build project sits one folder below the root");

        var tasks = Read(".vscode/tasks.json").GetProperty("tasks").EnumerateArray().ToList();
        tasks.Select(task => task.GetProperty("label").GetString()).Should().Equal("Compile", "Test", "Publish", "Continue a failed build", "Compile the build project");
        var testTask = tasks[1];
        testTask.GetProperty("command").GetString().Should().Be("./build.sh Test");
        testTask.GetProperty("detail").GetString().Should().Be("Runs the tests");
        testTask.GetProperty("group").GetProperty("kind").GetString().Should().Be("test");
        testTask.GetProperty("problemMatcher").GetString().Should().Be("$msCompile");
        tasks[0].GetProperty("group").GetProperty("kind").GetString().Should().Be("build");

        var launch = Read(".vscode/launch.json");
        var configuration = launch.GetProperty("configurations")[0];
        configuration.GetProperty("program").GetString().Should().Be("${workspaceFolder}/build/bin/Debug/net10.0/_build.dll");
        configuration.GetProperty("cwd").GetString().Should().Be("${workspaceFolder}");
        configuration.GetProperty("preLaunchTask").GetString().Should().Be("Compile the build project");
        launch.GetProperty("inputs")[0].GetProperty("options").EnumerateArray().Select(option => option.GetString())
            .Should().Equal("Compile", "Test", "Publish");
    }

    [Test]
    public void Continue_and_every_parameters_profile_are_one_click_away_too()
    {
        File.WriteAllText(Host.Root / ".nuke" / "parameters.staging.json", "{}");
        File.WriteAllText(Host.Root / ".nuke" / "parameters.production.json", "{}");

        Generate(new IdeBuild());

        var profiles = Read("build/Properties/launchSettings.json").GetProperty("profiles");
        profiles.EnumerateObject().Select(profile => profile.Name).Should().Equal("Compile", "Test", "Publish", "--profile production", "--profile staging", "--continue");
        profiles.GetProperty("--profile staging").GetProperty("commandLineArgs").GetString().Should().Be("--profile staging");
        profiles.GetProperty("--continue").GetProperty("commandLineArgs").GetString().Should().Be("--continue");

        var tasks = Read(".vscode/tasks.json");
        var byLabel = tasks.GetProperty("tasks").EnumerateArray().ToDictionary(task => task.GetProperty("label").GetString()!);
        byLabel["Continue a failed build"].GetProperty("command").GetString().Should().Be("./build.sh ${input:target} --continue");
        byLabel["Continue a failed build"].GetProperty("windows").GetProperty("command").GetString().Should().Be("./build.ps1 ${input:target} --continue");
        byLabel["Run a target with a profile"].GetProperty("command").GetString().Should().Be("./build.sh ${input:target} --profile ${input:profile}");
        tasks.GetProperty("inputs")[1].GetProperty("options").EnumerateArray().Select(option => option.GetString()).Should().Equal("production", "staging");

        var launch = Read(".vscode/launch.json");
        launch.GetProperty("configurations").EnumerateArray().Select(configuration => string.Join(' ', configuration.GetProperty("args").EnumerateArray().Select(arg => arg.GetString())))
            .Should().Equal("${input:target}", "${input:target} --continue", "${input:target} --profile ${input:profile}");
        launch.GetProperty("inputs").EnumerateArray().Select(input => input.GetProperty("id").GetString()).Should().Equal("target", "profile");
    }

    [Test]
    public void Renaming_a_target_changes_all_three_files()
    {
        Generate(new IdeBuild());
        var before = GeneratedPaths.Select(path => File.ReadAllText(Host.Root / path)).ToList();

        Generate(new RenamedIdeBuild());

        var after = GeneratedPaths.Select(path => File.ReadAllText(Host.Root / path)).ToList();
        for (var i = 0; i < GeneratedPaths.Length; i++)
        {
            after[i].Should().NotBe(before[i]);
            after[i].Should().Contain("Ship").And.NotContain("Publish");
        }
    }

    [Test]
    public void Build_sh_runs_the_same_whether_or_not_a_launch_profile_exists()
    {
        var root = AbsolutePath.Create(RepositoryRoot.Path);
        using var copy = new BuildCopy(root);

        copy.Run("--plan");
        var without = copy.Run("--plan");
        copy.AddLaunchSettings("""{ "profiles": { "Trap": { "commandName": "Project", "commandLineArgs": "Clean", "environmentVariables": { "NUKE_TARGET": "Clean" } } } }""");
        var with = copy.Run("--plan");

        with.Should().Be(without);
        with.Should().Contain("Test").And.NotContain("Clean");
    }

    private class IdeBuild : NukeBuild
    {
        public Target Compile => _ => _.Executes(() => { });
        public Target Test => _ => _.Description("Runs the tests").DependsOn(Compile).Executes(() => { });
        public virtual Target Publish => _ => _.DependsOn(Test).Executes(() => { });
        public Target Secret => _ => _.Unlisted().Executes(() => { });

        protected override IEnumerable<GeneratedFile> GeneratedFiles()
        {
            var targets = Model.ListedTargets.ToList();
            var profiles = ParametersFiles.Profiles(RootDirectory);
            yield return new GeneratedFile(RootDirectory / "build" / "Properties" / "launchSettings.json", global::Ide.IdeFiles.LaunchSettings(targets, profiles), "x");
            yield return new GeneratedFile(RootDirectory / ".vscode" / "tasks.json", global::Ide.IdeFiles.Tasks(targets, "Test", "Compile", profiles), "x");
            yield return new GeneratedFile(RootDirectory / ".vscode" / "launch.json", global::Ide.IdeFiles.Launch(targets, "Test", profiles), "x");
        }
    }

    private sealed class RenamedIdeBuild : IdeBuild
    {
        public override Target Publish => _ => _.Unlisted();
        public Target Ship => _ => _.DependsOn(Test).Executes(() => { });
    }

    /// <summary>build.sh, the compiled build and its inputs copied to a scratch root, the assembly newer than its sources.</summary>
    private sealed class BuildCopy : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("build-copy-").FullName;

        public BuildCopy(AbsolutePath source)
        {
            foreach (var file in new[] { "build.sh", "global.json", "Directory.Build.props", "Directory.Packages.props", "build/_build.csproj" })
                Copy(source / file, Path.Combine(_root, file));
            Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
            var binaries = AbsolutePath.Create(AppContext.BaseDirectory);
            foreach (var file in Directory.EnumerateFiles(binaries, "*", SearchOption.TopDirectoryOnly))
                Copy(file, Path.Combine(_root, "build/bin/Debug/net10.0", Path.GetFileName(file)));
            File.SetLastWriteTimeUtc(Path.Combine(_root, "build/bin/Debug/net10.0/_build.dll"), DateTime.UtcNow.AddMinutes(5));
        }

        public void AddLaunchSettings(string json) => Copy(null, Path.Combine(_root, "build/Properties/launchSettings.json"), json);

        public string Run(params string[] args)
        {
            var start = new ProcessStartInfo(Path.Combine(_root, "build.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
            // A local build: on CI (CI or JENKINS_URL set) the scratch root's missing generated files would count as stale.
            start.Environment.Remove("CI");
            start.Environment.Remove("JENKINS_URL");
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.Should().Be(0, output);
            output.Should().NotContain("Compiling the build", "the copied assembly is newer than its sources");
            // Regenerating files (such as the trap launch profile) is reported; the plan itself must not change.
            return string.Join('\n', output.Split('\n').Where(line => !line.StartsWith("Regenerated ", StringComparison.Ordinal)));
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private static void Copy(string? from, string to, string? content = null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (from is null)
                File.WriteAllText(to, content);
            else
                File.Copy(from, to);
        }
    }
}

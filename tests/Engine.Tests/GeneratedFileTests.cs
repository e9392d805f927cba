using System.Text.Json;
using BuildEngine;

namespace EngineTests;

public class GeneratedFileTests : BuildHostFixture
{
    private string SchemaPath => Host.Root / ".nuke" / "build.schema.json";

    [Test]
    public void Schema_lists_parameters_with_types_and_listed_targets_but_no_secrets()
    {
        Host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);

        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var root = schema.RootElement;
        root.GetProperty("$schema").GetString().Should().Be("http://json-schema.org/draft-04/schema#");
        var targets = root.GetProperty("definitions").GetProperty("ExecutableTarget").GetProperty("enum").EnumerateArray().Select(item => item.GetString());
        targets.Should().Equal("Build");
        var build = root.GetProperty("definitions").GetProperty("build");
        build.GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        var properties = build.GetProperty("properties");
        properties.GetProperty("Mode").GetProperty("enum").EnumerateArray().Select(item => item.GetString()).Should().Equal("Fast", "Safe");
        properties.GetProperty("Count").GetProperty("type").GetString().Should().Be("integer");
        properties.GetProperty("Count").GetProperty("description").GetString().Should().Be("How many");
        properties.GetProperty("Names").GetProperty("type").GetString().Should().Be("array");
        properties.GetProperty("Names").GetProperty("items").GetProperty("type").GetString().Should().Be("string");
        properties.GetProperty("Verbose").GetProperty("type").GetString().Should().Be("boolean");
        properties.TryGetProperty("Password", out _).Should().BeFalse();
    }

    [Test]
    public void Local_builds_regenerate_stale_files()
    {
        File.WriteAllText(SchemaPath, "{}");

        Host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);

        File.ReadAllText(SchemaPath).Should().Contain("ExecutableTarget");
        File.ReadAllText(Host.Root / "generated.txt").Should().Be("from the definitions\n");
        Host.Output.Should().Contain("Regenerated generated.txt from the build definition.");
    }

    [Test]
    public void Local_builds_leave_current_files_alone()
    {
        Host.Run(new SchemaBuild(), "Build");
        var written = File.GetLastWriteTimeUtc(SchemaPath);
        File.SetLastWriteTimeUtc(SchemaPath, written.AddHours(-1));

        Host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);

        File.GetLastWriteTimeUtc(SchemaPath).Should().Be(written.AddHours(-1));
        Host.Output.Should().NotContain("Regenerated");
    }

    [Test]
    public void Server_builds_fail_on_stale_files_naming_the_fix_and_run_nothing()
    {
        Host.Run(new SchemaBuild(), "Build");
        File.WriteAllText(Host.Root / "generated.txt", "edited by hand\n");
        Host.WithEnvironment("CI", "true");
        var build = new SchemaBuild();

        Host.Run(build, "Build").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("generated.txt is out of date with the build definition: run './build.sh Generate' locally and commit the result.");
        File.ReadAllText(Host.Root / "generated.txt").Should().Be("edited by hand\n");
        build.Ran.Should().BeFalse();
    }

    [Test]
    public void Server_builds_pass_when_files_are_current()
    {
        Host.Run(new SchemaBuild(), "Build");
        Host.WithEnvironment("CI", "true");

        Host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);
    }

    [Test]
    public void A_build_names_the_variable_its_CI_server_sets()
    {
        Host.Run(new ServerVariableBuild(), "Build");
        File.WriteAllText(Host.Root / "generated.txt", "edited by hand\n");
        Host.WithEnvironment("MY_CI_URL", "https://ci.example/");

        Host.Run(new ServerVariableBuild(), "Build").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("generated.txt is out of date with the build definition");
    }

    [TestCase("")]
    [TestCase("false")]
    public void An_empty_or_false_CI_variable_is_a_local_build(string value)
    {
        Host.WithEnvironment("CI", value);
        var build = new SchemaBuild();

        Host.Run(build, "Build").Should().Be(ExitCodes.Success);

        build.IsServerBuild.Should().BeFalse();
        File.ReadAllText(Host.Root / "generated.txt").Should().Be("from the definitions\n");
    }

    public enum Mode
    {
        Fast,
        Safe,
    }

    private sealed class ServerVariableBuild : NukeBuild
    {
        protected override IReadOnlyList<string> ServerBuildVariables => ["MY_CI_URL"];

        public Target Build => _ => _.Executes(() => { });

        protected override IEnumerable<GeneratedFile> GeneratedFiles()
        {
            yield return new GeneratedFile(RootDirectory / "generated.txt", "from the definitions\n", "./build.sh Generate");
        }
    }

    [Test]
    public void Generated_files_describe_the_team_configuration_not_this_runs_command_line_environment_or_profile()
    {
        Host.WithParametersFile("""{ "Channel": "beta" }""").WithEnvironment("CHANNEL", "from-the-environment");
        File.WriteAllText(Host.Root / ".nuke" / "parameters.production.json", """{ "Channel": "from-a-profile" }""");
        var build = new ConfiguredBuild();

        Host.Run(build, "Build", "--channel", "nightly", "--profile", "production").Should().Be(ExitCodes.Success, Host.Output);

        build.Channel.Should().Be("nightly", "the run itself uses its command line");
        File.ReadAllText(Host.Root / "generated.txt").Should().Be("channel: beta\n");
    }

    private sealed class ConfiguredBuild : NukeBuild
    {
        [Parameter("Release channel")] public string Channel = "stable";

        public Target Build => _ => _.Executes(() => { });

        protected override IEnumerable<GeneratedFile> GeneratedFiles()
        {
            yield return new GeneratedFile(RootDirectory / "generated.txt", $"channel: {Channel}\n", "./build.sh");
        }
    }

    private sealed class SchemaBuild : NukeBuild
    {
        [Parameter("How many")] public int Count = 1;
        [Parameter("Which mode")] public Mode Mode;
        [Parameter("Names")] public string[] Names = [];
        [Parameter("Talk more")] public bool Verbose;
        [Parameter("Password"), Secret] public string? Password;

        public bool Ran { get; private set; }

        public Target Build => _ => _.Executes(() => Ran = true);
        public Target Hidden => _ => _.Unlisted().Executes(() => { });

        protected override IEnumerable<GeneratedFile> GeneratedFiles()
        {
            yield return new GeneratedFile(RootDirectory / "generated.txt", "from the definitions\n", "./build.sh Generate");
        }
    }
}

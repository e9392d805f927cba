using System.Text.Json;
using BuildEngine;

namespace BuildTests.Engine;

public class GeneratedFileTests
{
    private TestBuildHost _host = null!;

    [SetUp]
    public void SetUp() => _host = new TestBuildHost();

    [TearDown]
    public void TearDown() => _host.Dispose();

    private string SchemaPath => _host.Root / ".nuke" / "build.schema.json";

    [Test]
    public void Schema_lists_parameters_with_types_and_listed_targets_but_no_secrets()
    {
        _host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);

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

        _host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);

        File.ReadAllText(SchemaPath).Should().Contain("ExecutableTarget");
        File.ReadAllText(_host.Root / "generated.txt").Should().Be("from the definitions\n");
        _host.Output.Should().Contain("Regenerated generated.txt from the build definition.");
    }

    [Test]
    public void Local_builds_leave_current_files_alone()
    {
        _host.Run(new SchemaBuild(), "Build");
        var written = File.GetLastWriteTimeUtc(SchemaPath);
        File.SetLastWriteTimeUtc(SchemaPath, written.AddHours(-1));

        _host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);

        File.GetLastWriteTimeUtc(SchemaPath).Should().Be(written.AddHours(-1));
        _host.Output.Should().NotContain("Regenerated");
    }

    [Test]
    public void Server_builds_fail_on_stale_files_naming_the_fix_and_run_nothing()
    {
        _host.Run(new SchemaBuild(), "Build");
        File.WriteAllText(_host.Root / "generated.txt", "edited by hand\n");
        _host.WithEnvironment("JENKINS_URL", "https://jenkins.example/");
        var build = new SchemaBuild();

        _host.Run(build, "Build").Should().Be(ExitCodes.NotStarted);

        _host.Output.Should().Contain("generated.txt is out of date with the build definition: run './build.sh Generate' locally and commit the result.");
        File.ReadAllText(_host.Root / "generated.txt").Should().Be("edited by hand\n");
        build.Ran.Should().BeFalse();
    }

    [Test]
    public void Server_builds_pass_when_files_are_current()
    {
        _host.Run(new SchemaBuild(), "Build");
        _host.WithEnvironment("JENKINS_URL", "https://jenkins.example/");

        _host.Run(new SchemaBuild(), "Build").Should().Be(ExitCodes.Success);
    }

    public enum Mode
    {
        Fast,
        Safe,
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

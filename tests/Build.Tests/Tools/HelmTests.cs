using NSubstitute;
using Tools;

namespace BuildTests.Tools;

public class HelmTests
{
    [Test]
    public async Task Template_renders_with_the_values_in_a_file_and_returns_the_manifests()
    {
        var runner = Substitute.For<IProcessRunner>();
        string? valuesFile = null;
        string? values = null;
        runner.RunAsync(Arg.Any<ToolCommand>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            valuesFile = call.Arg<ToolCommand>().Arguments[^1];
            values = File.ReadAllText(valuesFile);
            return new ToolResult(0, "kind: Deployment\n", "");
        });

        var manifests = await new Helm(runner, "/opt/helm", "/repo").Template("admin-site", "/repo/chart",
            [new("image.repository", "r/admin-site"), new("image.digest", "sha256:abc")]);

        manifests.Should().Be("kind: Deployment\n");
        var command = (ToolCommand)runner.ReceivedCalls().Single().GetArguments()[0]!;
        command.Executable.Should().Be("/opt/helm");
        command.Arguments.Should().Equal("template", "admin-site", "/repo/chart", "--values", valuesFile);
        command.Quiet.Should().BeTrue();
        values.Should().Be(new HelmValues().Set("image.repository", "r/admin-site").Set("image.digest", "sha256:abc").ToJson() + "\n");
        File.Exists(valuesFile).Should().BeFalse("the file is removed once helm has read it");
    }

    [TestCase("v4.1.4", 4, "--wait=watcher")]
    [TestCase("v4.0.0-rc.1\n", 4, "--wait=watcher")]
    [TestCase("v3.17.3", 3, "--wait")]
    public void The_version_decides_the_flags(string output, int major, string wait)
    {
        var version = HelmVersion.Parse(output, "/opt/helm");

        version.Major.Should().Be(major);
        version.Wait.Should().Be(wait);
        version.RollbackOnFailure.Should().Equal(major == 4 ? ["--rollback-on-failure", "--wait=watcher"] : ["--atomic", "--wait"]);
    }

    [TestCase("v5.0.0", "/opt/helm is helm v5.0.0; the build speaks Helm 4 and Helm 3")]
    [TestCase("version.BuildInfo{}", "/opt/helm reports version 'version.BuildInfo{}', which is not a helm version")]
    public void Other_versions_are_refused(string output, string message)
    {
        var parse = () => HelmVersion.Parse(output, "/opt/helm");

        parse.Should().Throw<BuildEngine.BuildFailedException>().WithMessage(message + "*");
    }
}

using NSubstitute;
using Tools;

namespace BuildTests.Tools;

public class HelmTests
{
    [Test]
    public async Task Template_renders_with_string_values_and_returns_the_manifests()
    {
        var runner = Substitute.For<IProcessRunner>();
        runner.RunAsync(Arg.Any<ToolCommand>(), Arg.Any<CancellationToken>()).Returns(new ToolResult(0, "kind: Deployment\n", ""));

        var manifests = await new Helm(runner, "/opt/helm", "/repo").Template("admin-site", "/repo/chart",
            [new("image.repository", "r/admin-site"), new("image.digest", "sha256:abc")]);

        manifests.Should().Be("kind: Deployment\n");
        var command = (ToolCommand)runner.ReceivedCalls().Single().GetArguments()[0]!;
        command.Executable.Should().Be("/opt/helm");
        command.Arguments.Should().Equal("template", "admin-site", "/repo/chart",
            "--set-string", "image.repository=r/admin-site", "--set-string", "image.digest=sha256:abc");
        command.Quiet.Should().BeTrue();
    }
}

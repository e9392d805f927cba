using BuildEngine;

namespace BuildTests;

public class PrerequisitesTargetTests : RealBuildFixture
{
    [SetUp]
    public void ToolsThePrerequisitesFind() => InstallPrerequisites();

    [Test]
    public void Missing_chromium_fails_with_how_to_get_it()
    {
        Run("Prerequisites", "--chromium-path", "/nowhere/chromium").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("The browser tests need Chromium at /nowhere/chromium. Install it (Debian: sudo apt-get install chromium) or point CHROMIUM_PATH");
    }

    [Test]
    public void Helm_4_is_refused()
    {
        Answers["helm version"] = _ => Ok("v4.0.0\n");

        Run("Prerequisites", "--chromium-path", ToolsDirectory / "chromium").Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("need Helm 3 (Helm 4 renamed --atomic)");
    }

    [Test]
    public void The_tools_are_checked_before_anything_is_cleaned_or_compiled()
    {
        Run("Clean", "Test", "--plan").Should().Be(ExitCodes.Success);

        var lines = Host.Output.Split('\n');
        string Line(string target) => lines.First(line => line.Contains($" {target} ", StringComparison.Ordinal));
        lines.Should().ContainInOrder(Line("Prerequisites"), Line("Clean"), Line("Restore"), Line("Compile"), Line("Test"));
    }
}

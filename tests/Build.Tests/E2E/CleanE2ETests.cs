using BuildEngine;
using Tools;

namespace BuildTests.E2E;

/// <summary>CleanE2E gives back the disk E2E keeps between runs, and says how much.</summary>
public class CleanE2ETests : RealBuildFixture
{
    [Test]
    public void The_e2e_folder_is_deleted_with_its_size_said_and_nothing_else_in_nuke_temp()
    {
        var e2e = Host.Root / ".nuke" / "temp" / "e2e";
        Directory.CreateDirectory(e2e / "cache");
        File.WriteAllBytes(e2e / "cache" / "rootfs.tar", new byte[3 << 20]);
        Directory.CreateDirectory(Host.Root / ".nuke" / "temp" / "tools");

        var exitCode = Run("CleanE2E");

        // The suite runs as root here and in CI, and as uid 1000 in the agent (AgentTest): both answers are checked.
        if (UnixUser.IsRoot)
        {
            exitCode.Should().Be(ExitCodes.Success, Host.Output);
            Directory.Exists(e2e).Should().BeFalse();
            Host.Output.Should().Contain("Deleted .nuke/temp/e2e (3 MB)");
        }
        else
        {
            exitCode.Should().Be(ExitCodes.NotStarted);
            Host.Output.Should().Contain("root: E2E's Docker data belongs to root");
            Directory.Exists(e2e).Should().BeTrue();
        }
        Directory.Exists(Host.Root / ".nuke" / "temp" / "tools").Should().BeTrue();
    }
}

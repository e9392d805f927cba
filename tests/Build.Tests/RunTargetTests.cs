using BuildEngine;

namespace BuildTests;

/// <summary>Run starts the site with the admin's password in its environment, never on a command line.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes
public class RunTargetTests : RealBuildFixture
{
    private const string Password = "Run-Admin-Pa55word";

    [Test]
    public void The_admin_password_from_a_file_reaches_the_site_through_its_environment_only()
    {
        var file = Host.Root / "admin-password";
        File.WriteAllText(file, Password + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Run("Run", "--admin-password-file", file).Should().Be(ExitCodes.Success);

        var run = Single("dotnet run");
        run.Environment["Bootstrap__AdminPassword"].Should().Be(Password);
        run.Arguments.Should().NotContain(argument => argument.Contains(Password));
        Host.Output.Should().NotContain(Password).And.NotContain("warning");
    }

    [Test]
    public void The_admin_password_on_the_command_line_still_works_with_a_warning_naming_the_other_ways()
    {
        Run("Run", "--admin-password", Password).Should().Be(ExitCodes.Success);

        Single("dotnet run").Environment["Bootstrap__AdminPassword"].Should().Be(Password);
        Host.Output.Should().Contain("warning: --admin-password was given on the command line")
            .And.Contain("ADMIN_PASSWORD").And.Contain("--admin-password-file <path>").And.NotContain(Password);
    }
}

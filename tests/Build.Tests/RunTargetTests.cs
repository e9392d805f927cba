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

    [Test]
    public void Run_compiles_the_site_in_a_step_that_prints_then_runs_it_without_compiling_again()
    {
        Run("Run").Should().Be(ExitCodes.Success);

        var calls = Commands("dotnet");
        calls.Select(command => command.Arguments[0]).Should().Equal("build", "run");
        calls[0].Arguments.Should().NotContain("--no-restore", "a fresh clone has restored nothing");
        calls[1].Arguments.Should().Contain("--no-build");
        calls[1].Heartbeat.Should().BeFalse("a serving site is silent when nobody visits it");
        Host.Output.Should().Contain("Compiling the admin site");
    }

    [Test]
    public void Run_says_a_password_given_for_an_existing_database_is_not_used_and_how_to_change_one()
    {
        Directory.CreateDirectory(Host.Root / ".data");
        File.WriteAllText(Host.Root / ".data" / "admin-site.db", "");
        Host.Environment["ADMIN_PASSWORD"] = Password;

        Run("Run").Should().Be(ExitCodes.Success);

        Host.Output.Should().Contain("warning: --admin-password only sets the password of the admin created on the first run")
            .And.Contain("./build.sh ChangePassword");
    }
}

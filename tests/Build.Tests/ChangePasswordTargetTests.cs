using BuildEngine;
using Tools;

namespace BuildTests;

/// <summary>ChangePassword hands the site's changepassword command a file only its owner can read, and removes it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes
public class ChangePasswordTargetTests : RealBuildFixture
{
    private const string Password = "Changed-Pa55word";
    private string? _passedPassword;
    private UnixFileMode? _passedMode;
    private string? _passedFile;

    [SetUp]
    public void CreateDatabaseAndListen()
    {
        // NUnit runs every test on one fixture instance: nothing seen by an earlier test carries over.
        (_passedPassword, _passedMode, _passedFile) = (null, null, null);
        Directory.CreateDirectory(Host.Root / ".data");
        File.WriteAllText(Host.Root / ".data" / "admin-site.db", "");
        Answers["dotnet run"] = command =>
        {
            var index = command.Arguments.ToList().IndexOf("--password-file");
            if (index >= 0)
            {
                _passedFile = command.Arguments[index + 1];
                _passedPassword = File.ReadAllText(_passedFile);
                _passedMode = File.GetUnixFileMode(_passedFile);
            }
            return Ok();
        };
    }

    [Test]
    public void Without_a_password_the_site_generates_one_and_no_file_is_written()
    {
        Run("ChangePassword").Should().Be(ExitCodes.Success);

        var run = Single("dotnet run");
        run.Arguments.SkipWhile(argument => argument != "--").Should().Equal("--", "changepassword", "admin", "--generate");
        run.Environment["Database__SqlitePath"].Should().Be(Host.Root / ".data" / "admin-site.db");
        _passedFile.Should().BeNull();
    }

    [Test]
    public void A_given_password_reaches_the_site_through_a_private_file_that_is_removed_afterwards()
    {
        Host.Environment["ADMIN_PASSWORD"] = Password;

        Run("ChangePassword").Should().Be(ExitCodes.Success);

        Single("dotnet run").Arguments.SkipWhile(argument => argument != "--").Should().StartWith(["--", "changepassword", "admin", "--password-file"]);
        _passedMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Exists(_passedFile).Should().BeFalse("the file is removed once the site has read it");
    }

    [Test]
    public void A_given_password_and_user_name_are_used_and_the_password_is_not_printed()
    {
        Host.Environment["ADMIN_PASSWORD"] = Password;

        Run("ChangePassword", "--user-name", "alice").Should().Be(ExitCodes.Success);

        Single("dotnet run").Arguments.Should().ContainInOrder("changepassword", "alice");
        _passedPassword.Should().Be(Password);
        Host.Output.Should().NotContain(Password);
    }

    [Test]
    public void The_file_is_removed_even_when_the_site_refuses_the_password()
    {
        Host.Environment["ADMIN_PASSWORD"] = Password;
        var answer = Answers["dotnet run"];
        Answers["dotnet run"] = command => answer(command) with { ExitCode = 1 };

        Run("ChangePassword").Should().Be(ExitCodes.TargetFailed);

        _passedFile.Should().NotBeNull();
        File.Exists(_passedFile).Should().BeFalse();
    }

    [Test]
    public void Without_Runs_database_nothing_starts_and_the_error_says_how_to_create_it()
    {
        File.Delete(Host.Root / ".data" / "admin-site.db");

        Run("ChangePassword").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("./build.sh Run creates it");
        Commands("dotnet").Should().BeEmpty();
    }
}

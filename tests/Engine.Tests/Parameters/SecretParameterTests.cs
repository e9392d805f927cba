using BuildEngine;

namespace EngineTests.Parameters;

/// <summary>
/// Secrets stay out of <c>ps</c>: a secret parameter also reads a file (<c>--token-file</c>, <c>TOKEN_FILE</c>), and one
/// given on the command line, where every local user can read it, still works but the build says how to pass it instead.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes
public class SecretParameterTests : BuildHostFixture
{
    private const string Value = "s3cr3t-value-42";

    [Test]
    public void A_secret_on_the_command_line_works_and_warns_how_to_pass_it_instead()
    {
        var build = new SecretBuild();

        Run(build, "--token", Value).Should().Be(ExitCodes.Success);

        build.Token.Should().Be(Value);
        Host.Output.Should().Contain("warning: --token was given on the command line, where every local user can read it (ps, /proc/<pid>/cmdline): " +
            "set the environment variable TOKEN, or put it in a file and pass --token-file <path> (or TOKEN_FILE=<path>).");
        Host.Output.Should().NotContain(Value);
    }

    [Test]
    public void A_secret_from_the_environment_does_not_warn()
    {
        Host.WithEnvironment("TOKEN", Value);
        var build = new SecretBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Token.Should().Be(Value);
        Host.Output.Should().NotContain("warning");
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("")]
    public void The_file_option_reads_the_file_without_its_final_line_break(string lineBreak)
    {
        var file = SecretFile(Value + lineBreak);
        var build = new SecretBuild();

        Run(build, "--token-file", file).Should().Be(ExitCodes.Success);

        build.Token.Should().Be(Value);
        var token = build.Model.Parameters.Single(parameter => parameter.Name == "Token");
        token.Source.Should().Be(ParameterSource.CommandLine);
        token.Origin.Should().Be("--token-file");
        Host.Output.Should().Contain("token is *****").And.NotContain(Value).And.NotContain("warning");
    }

    [Test]
    public void Only_the_final_line_break_goes_spaces_and_inner_lines_stay()
    {
        var build = new SecretBuild();

        Run(build, "--token-file", SecretFile(" two\nlines \n")).Should().Be(ExitCodes.Success);

        build.Token.Should().Be(" two\nlines ");
    }

    [Test]
    public void The_file_variable_reads_the_file()
    {
        Host.WithEnvironment("TOKEN_FILE", SecretFile(Value + "\n"));
        var build = new SecretBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Token.Should().Be(Value);
        build.Model.Parameters.Single(parameter => parameter.Name == "Token").Origin.Should().Be("TOKEN_FILE");
    }

    [Test]
    public void The_command_line_file_beats_the_environment()
    {
        Host.WithEnvironment("TOKEN", "from-the-environment");
        var build = new SecretBuild();

        Run(build, "--token-file", SecretFile(Value)).Should().Be(ExitCodes.Success);

        build.Token.Should().Be(Value);
    }

    [Test]
    public void A_value_and_a_file_on_the_command_line_are_refused()
    {
        Run(new SecretBuild(), "--token", Value, "--token-file", SecretFile(Value)).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--token and --token-file are both given: give one.");
    }

    [Test]
    public void A_value_and_a_file_in_the_environment_are_refused()
    {
        Host.WithEnvironment("TOKEN", Value).WithEnvironment("TOKEN_FILE", SecretFile(Value));

        Run(new SecretBuild()).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("TOKEN and TOKEN_FILE are both set: set one.");
    }

    [Test]
    public void A_missing_file_is_refused_before_anything_runs()
    {
        var build = new SecretBuild();
        var missing = Host.Root / "no-such-file";

        Run(build, "--token-file", missing).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--token-file: {missing} does not exist.");
        build.Ran.Should().BeFalse();
    }

    [Test]
    public void An_empty_file_is_refused()
    {
        Run(new SecretBuild(), "--token-file", SecretFile("\n")).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("is empty");
    }

    [Test]
    public void A_folder_is_refused()
    {
        Host.WithEnvironment("TOKEN_FILE", Host.Root);

        Run(new SecretBuild()).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"TOKEN_FILE: {Host.Root} is a folder, not a file.");
    }

    [Test]
    public void A_file_other_users_can_read_is_used_with_a_warning()
    {
        var file = SecretFile(Value);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var build = new SecretBuild();

        Run(build, "--token-file", file).Should().Be(ExitCodes.Success);

        build.Token.Should().Be(Value);
        Host.Output.Should().Contain($"warning: --token-file: {file} can be read by other users (mode 644): chmod 600 it.");
    }

    [Test]
    public void The_file_option_exists_for_secrets_only()
    {
        Run(new SecretBuild(), "--region-file", SecretFile("eu-west-1")).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Unknown option '--region-file'.");
    }

    [Test]
    public void Help_and_requirements_name_the_file_ways()
    {
        Run(new SecretBuild(), "--help").Should().Be(ExitCodes.Success);
        Host.Output.Should().Contain("--token-file").And.Contain("TOKEN_FILE");

        Host.RunWithDefaults(new SecretBuild(), ["Use"]).Should().Be(ExitCodes.NotStarted);
        Host.Output.Should().Contain("Target 'Use' requires --token (or TOKEN, or --token-file <path>, or TOKEN_FILE)");
    }

    [Test]
    public void A_mistyped_file_option_gets_a_suggestion()
    {
        Run(new SecretBuild(), "--token-fil", SecretFile(Value)).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Did you mean '--token-file'?");
    }

    [Test]
    public void A_parameter_named_like_a_file_option_is_a_definition_error()
    {
        Host.RunWithDefaults(new ClashingBuild(), ["Run"]).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Parameter 'TokenFile' clashes with --token-file, the file option of the secret 'Token'");
    }

    private string SecretFile(string content)
    {
        var path = Host.Root / $"secret-{Guid.NewGuid():N}";
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private int Run(SecretBuild build, params string[] args) => Host.RunWithDefaults(build, ["Run"], args);

    private sealed class SecretBuild : NukeBuild
    {
        [Parameter("Cloud region")] public string Region = "eu-west-1";
        [Parameter("Token"), Secret] public string? Token;

        public bool Ran { get; private set; }

        public Target Run => _ => _.Executes(() =>
        {
            Ran = true;
            Log.Information($"token is {Token}");
        });

        public Target Use => _ => _.Requires(() => Token).Executes(() => Ran = true);
    }

    private sealed class ClashingBuild : NukeBuild
    {
        [Parameter("Token"), Secret] public string? Token;
        [Parameter("Where the token is kept")] public string? TokenFile;

        public Target Run => _ => _.Executes(() => { });
    }
}

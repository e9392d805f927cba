using BuildEngine;

namespace EngineTests.Parameters;

public class ParameterTests : BuildHostFixture
{
    [Test]
    public void Initialiser_is_the_default()
    {
        var build = new ParameterBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Region.Should().Be("eu-west-1");
        Source(build, "Region").Should().Be(ParameterSource.Default);
    }

    [Test]
    public void Parameters_file_beats_the_initialiser()
    {
        Host.WithParametersFile("""{ "$schema": "./build.schema.json", "Region": "us-east-1" }""");
        var build = new ParameterBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Region.Should().Be("us-east-1");
        Source(build, "Region").Should().Be(ParameterSource.ParametersFile);
    }

    [Test]
    public void Environment_beats_the_parameters_file_under_upper_snake_or_exact_name()
    {
        Host.WithParametersFile("""{ "Region": "us-east-1", "RetryCount": 1 }""")
            .WithEnvironment("REGION", "ap-south-1")
            .WithEnvironment("RetryCount", "7");
        var build = new ParameterBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Region.Should().Be("ap-south-1");
        build.RetryCount.Should().Be(7);
        Source(build, "Region").Should().Be(ParameterSource.Environment);
    }

    [Test]
    public void Command_line_beats_everything()
    {
        Host.WithParametersFile("""{ "Region": "us-east-1" }""").WithEnvironment("REGION", "ap-south-1");
        var build = new ParameterBuild();

        Run(build, "--region", "sa-east-1").Should().Be(ExitCodes.Success);

        build.Region.Should().Be("sa-east-1");
        Source(build, "Region").Should().Be(ParameterSource.CommandLine);
    }

    [Test]
    public void An_empty_environment_variable_is_unset_not_true()
    {
        Host.WithEnvironment("DRY_RUN", "").WithEnvironment("REGION", "  ");
        var build = new ParameterBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.DryRun.Should().BeFalse();
        build.Region.Should().Be("eu-west-1");
    }

    [Test]
    public void An_explicit_environment_variable_replaces_the_derived_names()
    {
        Host.WithEnvironment("BRANCH", "wrong").WithEnvironment("BRANCH_NAME", "develop");
        var build = new ParameterBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Branch.Should().Be("develop");
    }

    [Test]
    public void Values_convert_to_their_types()
    {
        var build = new ParameterBuild();

        Run(build, "--dry-run", "--retry-count", "3", "--level", "HIGH", "--tags", "a", "b", "--output", "out/dir", "--ports", "80", "443")
            .Should().Be(ExitCodes.Success);

        build.DryRun.Should().BeTrue();
        build.RetryCount.Should().Be(3);
        build.Level.Should().Be(Level.High);
        build.Tags.Should().Equal("a", "b");
        build.Output!.Value.Should().Be(Path.Combine(Host.Root, "out", "dir"));
        build.Ports.Should().Equal(80, 443);
    }

    [Test]
    public void Arrays_come_from_comma_separated_variables_and_json_arrays()
    {
        Host.WithEnvironment("TAGS", "x, y,z").WithParametersFile("""{ "Ports": [8080, 8443] }""");
        var build = new ParameterBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Tags.Should().Equal("x", "y", "z");
        build.Ports.Should().Equal(8080, 8443);
    }

    [Test]
    public void Explicit_false_and_equals_syntax_work()
    {
        var build = new ParameterBuild();

        Run(build, "--dry-run=false", "--region=x").Should().Be(ExitCodes.Success);

        build.DryRun.Should().BeFalse();
        build.Region.Should().Be("x");
    }

    [TestCase("--retry-count", "three", "'three' is not a whole number")]
    [TestCase("--level", "hihg", "'hihg' is not one of Low, High. Did you mean 'High'?")]
    [TestCase("--dry-run", "maybe", "'maybe' is not a boolean")]
    public void Malformed_values_are_usage_errors(string option, string value, string message)
    {
        var build = new ParameterBuild();

        Run(build, option, value).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain(message);
        build.Ran.Should().BeFalse();
    }

    [Test]
    public void A_value_option_without_value_is_an_error()
    {
        Run(new ParameterBuild(), "--region").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--region needs a value");
    }

    [Test]
    public void Unknown_options_get_a_suggestion()
    {
        Run(new ParameterBuild(), "--retry-cuont", "3").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Unknown option '--retry-cuont'. Did you mean '--retry-count'?");
    }

    [Test]
    public void Unknown_keys_in_the_parameters_file_get_a_suggestion()
    {
        Host.WithParametersFile("""{ "Regoin": "x" }""");

        Run(new ParameterBuild()).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("unknown parameter 'Regoin'. Did you mean 'Region'?");
    }

    [Test]
    public void A_malformed_parameters_file_is_reported()
    {
        Host.WithParametersFile("""{ "Region": """);

        Run(new ParameterBuild()).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("parameters.json is not valid JSON");
    }

    [Test]
    public void Secrets_are_refused_in_the_parameters_file()
    {
        Host.WithParametersFile("""{ "Token": "hunter2hunter2" }""");

        Run(new ParameterBuild()).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("'Token' is a secret and must not be committed");
        Host.Output.Should().NotContain("hunter2hunter2");
    }

    [Test]
    public void Secrets_never_appear_in_help_or_output()
    {
        var build = new ParameterBuild();

        Run(build, "--token", "s3cr3t-value", "--help").Should().Be(ExitCodes.Success);

        Host.Output.Should().NotContain("s3cr3t-value");
        Host.Output.Should().Contain("*****");
        Run(new ParameterBuild(), "--token", "s3cr3t-value").Should().Be(ExitCodes.Success);
        Host.Output.Should().Contain("token is *****");
    }

    [Test]
    public void Built_in_options_ignore_unprefixed_environment_variables()
    {
        Host.WithEnvironment("TARGET", "Other").WithEnvironment("VERBOSITY", "Quiet").WithEnvironment("HELP", "true");
        var build = new ParameterBuild();

        Run(build).Should().Be(ExitCodes.Success);

        build.Ran.Should().BeTrue();
        build.Verbosity.Should().Be(Verbosity.Normal);
    }

    [Test]
    public void Built_in_options_read_NUKE_prefixed_variables()
    {
        Host.WithEnvironment("NUKE_VERBOSITY", "Quiet").WithEnvironment("NUKE_TARGET", "Other");
        var build = new ParameterBuild();

        Host.RunWithDefaults(build, ["Run"]).Should().Be(ExitCodes.Success);

        build.Ran.Should().BeFalse();
        build.OtherRan.Should().BeTrue();
        build.Verbosity.Should().Be(Verbosity.Quiet);
    }

    [Test]
    public void Help_shows_each_parameter_with_type_value_and_source()
    {
        Host.WithParametersFile("""{ "Region": "us-east-1" }""").WithEnvironment("RETRY_COUNT", "5");

        Run(new ParameterBuild(), "--help", "--level", "High").Should().Be(ExitCodes.Success);

        Host.Output.Should().MatchRegex(@"--region\s+string\s+Cloud region.*us-east-1 \(\.nuke/parameters\.json\)");
        Host.Output.Should().MatchRegex(@"--retry-count\s+int\s+.*5 \(RETRY_COUNT\)");
        Host.Output.Should().MatchRegex(@"--level\s+Low\|High\s+.*High \(--level\)");
        Host.Output.Should().MatchRegex(@"--dry-run\s+bool\s+.*False \(default\)");
    }

    private int Run(ParameterBuild build, params string[] args) => Host.RunWithDefaults(build, ["Run"], args);

    private static ParameterSource Source(NukeBuild build, string name) =>
        build.Model.Parameters.Single(parameter => parameter.Name == name).Source;

    public enum Level
    {
        Low,
        High,
    }

    private sealed class ParameterBuild : NukeBuild
    {
        [Parameter("Cloud region")] public string Region = "eu-west-1";
        [Parameter("Retries")] public int RetryCount = 2;
        [Parameter("Only print")] public bool DryRun;
        [Parameter("Level")] public Level Level = Level.Low;
        [Parameter("Tags")] public string[] Tags = [];
        [Parameter("Ports")] public int[] Ports = [];
        [Parameter("Output folder")] public AbsolutePath? Output;
        [Parameter("Branch", EnvironmentVariable = "BRANCH_NAME")] public string? Branch;
        [Parameter("Token"), Secret] public string? Token;

        public bool Ran { get; private set; }
        public bool OtherRan { get; private set; }

        public Target Run => _ => _.Executes(() =>
        {
            Ran = true;
            Log.Information($"token is {Token}");
        });

        public Target Other => _ => _.Executes(() => OtherRan = true);
    }
}

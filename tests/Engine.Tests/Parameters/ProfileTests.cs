using BuildEngine;

namespace EngineTests.Parameters;

/// <summary>--profile: .nuke/parameters.&lt;profile&gt;.json layered over parameters.json, below environment and command line.</summary>
public class ProfileTests : BuildHostFixture
{
    private void Profile(string name, string json) => File.WriteAllText(Host.Root / ".nuke" / $"parameters.{name}.json", json);

    [SetUp]
    public void StagingAndProduction()
    {
        Host.WithParametersFile("""{ "Region": "eu-west-1", "RetryCount": 2 }""");
        Profile("staging", """{ "$schema": "./build.schema.json", "Region": "eu-central-1" }""");
        Profile("production", """{ "Region": "us-east-1", "RetryCount": 5 }""");
    }

    [Test]
    public void A_profile_replaces_the_keys_it_has_and_names_itself_as_the_origin()
    {
        var build = new ProfileBuild();

        Host.Run(build, "Noop", "--profile", "staging").Should().Be(ExitCodes.Success, Host.Output);

        build.Region.Should().Be("eu-central-1");
        build.RetryCount.Should().Be(2, "staging has no RetryCount: parameters.json's stays");
        build.Model.Parameters.Single(parameter => parameter.Name == "Region").Origin.Should().Be(".nuke/parameters.staging.json");
    }

    [Test]
    public void Later_profiles_win()
    {
        var build = new ProfileBuild();

        Host.Run(build, "Noop", "--profile", "production", "staging").Should().Be(ExitCodes.Success, Host.Output);

        build.Region.Should().Be("eu-central-1");
        build.RetryCount.Should().Be(5);
    }

    [Test]
    public void Environment_and_command_line_beat_a_profile()
    {
        Host.WithEnvironment("RETRY_COUNT", "9");
        var build = new ProfileBuild();

        Host.Run(build, "Noop", "--profile", "production", "--region", "ap-south-1").Should().Be(ExitCodes.Success);

        build.Region.Should().Be("ap-south-1");
        build.RetryCount.Should().Be(9);
    }

    [Test]
    public void The_profile_may_come_from_NUKE_PROFILE()
    {
        Host.WithEnvironment("NUKE_PROFILE", "production");
        var build = new ProfileBuild();

        Host.Run(build, "Noop").Should().Be(ExitCodes.Success);

        build.Region.Should().Be("us-east-1");
    }

    [TestCase("stagin", "Did you mean 'staging'?")]
    [TestCase("../parameters", "there is no .nuke/parameters.../parameters.json")]
    public void An_unknown_profile_stops_before_anything_runs_and_lists_the_profiles(string name, string hint)
    {
        Host.Run(new ProfileBuild(), "Noop", "--profile", name).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--profile {name}: there is no").And.Contain(hint).And.Contain("Profiles: production, staging.");
    }

    [Test]
    public void A_secret_in_a_profile_is_refused_naming_the_file()
    {
        Profile("leaky", """{ "Password": "hunter2" }""");

        Host.Run(new ProfileBuild(), "Noop", "--profile", "leaky").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain(".nuke/parameters.leaky.json: 'Password' is a secret and must not be committed");
    }

    [Test]
    public void An_unknown_key_in_a_profile_is_an_error_naming_the_file()
    {
        Profile("typo", """{ "Regoin": "x" }""");

        Host.Run(new ProfileBuild(), "Noop", "--profile", "typo").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain(".nuke/parameters.typo.json: unknown parameter 'Regoin'. Did you mean 'Region'?");
    }

    [Test]
    public void Help_and_the_schema_list_the_profiles()
    {
        Host.Run(new ProfileBuild(), "--help").Should().Be(ExitCodes.Success);

        Host.Output.Should().Contain("Profiles (--profile): production, staging.");
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Host.Root / ".nuke" / "build.schema.json"));
        var options = schema.RootElement.GetProperty("definitions").GetProperty("options").GetProperty("properties");
        options.GetProperty("profile").GetProperty("items").GetProperty("enum").EnumerateArray().Select(item => item.GetString())
            .Should().Equal("production", "staging");
        options.GetProperty("continue").GetProperty("type").GetString().Should().Be("boolean");
    }

    private sealed class ProfileBuild : NukeBuild
    {
        [Parameter("Cloud region")] public string Region = "eu-west-1";
        [Parameter("Retries")] public int RetryCount = 1;
        [Parameter("Password"), Secret] public string? Password;

        public Target Noop => _ => _.Executes(() => { });
    }
}

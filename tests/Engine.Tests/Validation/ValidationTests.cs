using BuildEngine;

namespace EngineTests.Validation;

/// <summary>
/// The validation phase: before the first target starts, the targets that will run check their inputs; problems
/// name the option, the value, where it came from and the rule, and exit with code 2 having run nothing.
/// </summary>
public class ValidationTests : BuildHostFixture
{
    [Test]
    public void A_value_that_breaks_a_rule_stops_the_build_before_anything_runs()
    {
        var build = new ValidatedBuild();

        Host.Run(build, "Ship", "--timeout", "forever").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--timeout 'forever' must be a duration such as 5m (given on the command line).");
        build.Ran.Should().BeEmpty("Prepare comes first in the plan, and nothing may run before every input is checked");
    }

    [Test]
    public void The_rules_detail_follows_the_description_and_the_source_is_named()
    {
        Host.WithEnvironment("TIMEOUT", "5");

        Host.Run(new ValidatedBuild(), "Ship").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--timeout '5' must be a duration such as 5m: it has no unit (from environment variable TIMEOUT).");
    }

    [Test]
    public void Values_from_the_parameters_file_say_so()
    {
        Host.WithParametersFile("""{ "Timeout": "soon" }""");

        Host.Run(new ValidatedBuild(), "Ship").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--timeout 'soon' must be a duration such as 5m (from .nuke/parameters.json).");
    }

    [Test]
    public void A_bad_default_is_reported_as_the_default()
    {
        Host.Run(new ValidatedBuild { DefaultHosts = ["ok", "not ok"] }, "Ship").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--hosts 'not ok' must be a host name without spaces (the default).");
    }

    [Test]
    public void Each_value_of_an_array_is_checked_and_the_bad_one_named()
    {
        Host.Run(new ValidatedBuild(), "Ship", "--hosts", "a", "b c", "d").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--hosts 'b c' must be a host name without spaces (given on the command line).");
    }

    [Test]
    public void Good_values_pass_and_the_targets_run()
    {
        var build = new ValidatedBuild();

        Host.Run(build, "Ship", "--timeout", "10m", "--hosts", "a", "b").Should().Be(ExitCodes.Success, Host.Output);

        build.Ran.Should().Equal("Prepare", "Ship");
    }

    [Test]
    public void A_null_value_is_left_to_requires()
    {
        Host.Run(new ValidatedBuild(), "Ship", "--timeout", "1m").Should().Be(ExitCodes.Success, "--label is optional and unset");
    }

    [Test]
    public void Every_problem_is_reported_at_once_and_a_value_two_targets_read_only_once()
    {
        Host.Run(new ValidatedBuild(), "Ship", "Audit", "--timeout", "x", "--hosts", "a b").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--timeout 'x'").And.Contain("--hosts 'a b'");
        Host.Output.Split("--timeout 'x'").Should().HaveCount(2, "Ship and Audit both read --timeout, which is one problem");
    }

    [Test]
    public void A_skipped_targets_inputs_are_not_checked()
    {
        var build = new ValidatedBuild();

        Host.Run(build, "Ship", "--hosts", "a b", "--skip").Should().Be(ExitCodes.Success, Host.Output);

        build.Ran.Should().Equal("Ship");
    }

    [Test]
    public void Plan_runs_the_same_checks_and_exits_2_when_a_real_run_would_stop()
    {
        var build = new ValidatedBuild();

        Host.Run(build, "Ship", "--timeout", "forever", "--plan").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("A real run would stop before starting: --timeout 'forever' must be a duration");
        Host.Output.Should().Contain("Execution plan (nothing was run)");
        build.Ran.Should().BeEmpty();
    }

    [Test]
    public void Plan_exits_0_when_every_input_is_good() =>
        Host.Run(new ValidatedBuild(), "Ship", "--plan").Should().Be(ExitCodes.Success, Host.Output);

    [Test]
    public void Control_characters_in_a_value_are_spelled_out()
    {
        Host.Run(new ValidatedBuild(), "Ship", "--timeout", "5m\n--force").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain(@"--timeout '5m\n--force' must be a duration");
    }

    [Test]
    public void A_secret_is_never_shown()
    {
        Host.Run(new ValidatedBuild(), "Ship", "--token", "hunter2 with spaces").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--token '*****' must be a token without spaces").And.NotContain("hunter2");
    }

    [Test]
    public void A_rule_that_cannot_read_what_it_checks_is_a_problem_not_a_crash()
    {
        Host.Run(new ValidatedBuild(), "Ship", "--label", "unreadable").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--label 'unreadable' must be a readable label: disk on fire (given on the command line).");
    }

    [Test]
    public void A_member_that_is_no_parameter_is_named_by_its_name()
    {
        Host.Run(new ValidatedBuild { Computed = "bad value" }, "Audit").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Computed 'bad value' must be a host name without spaces.");
    }

    [Test]
    public void A_branch_pattern_with_a_control_character_is_refused_naming_its_parameter_even_for_help()
    {
        Host.Run(new BranchBuild(), "--help", "--release-branch", "main\n").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain(@"--release-branch 'main\n' must be a branch pattern: it contains a control character (\n).");
    }

    private sealed class BranchBuild : NukeBuild
    {
        [Parameter("Branch that releases")]
        public string ReleaseBranch = "main";

        public Target Release => _ => _.OnlyOnBranches(ReleaseBranch).Executes(() => { });
    }

    private sealed class ValidatedBuild : NukeBuild
    {
        private static readonly ValueRule<string> DurationRule = new("a duration such as 5m", text =>
            text.All(char.IsDigit) ? "it has no unit" : text.Length > 1 && char.IsDigit(text[0]) && text[^1] is 's' or 'm' or 'h' ? null : "");
        private static readonly ValueRule<string> HostNameRule = ValueRule<string>.Matching("a host name without spaces", text => !text.Contains(' '));
        private static readonly ValueRule<string> TokenRule = ValueRule<string>.Matching("a token without spaces", text => !text.Contains(' '));
        private static readonly ValueRule<string> ReadableRule = new("a readable label", _ => throw new IOException("disk on fire"));

        public List<string> Ran { get; } = [];
        public string[] DefaultHosts { init => Hosts = value; }
        public string? Computed { get; init; }

        [Parameter("How long to wait")]
        public string Timeout = "5m";

        [Parameter("Hosts to ship to")]
        public string[] Hosts = [];

        [Parameter("Optional label")]
        public string? Label;

        [Parameter("Access token"), Secret]
        public string? Token;

        public Target Prepare => _ => _
            .Validates(() => Hosts, HostNameRule)
            .Executes(() => Ran.Add(nameof(Prepare)));

        public Target Ship => _ => _
            .DependsOn(Prepare)
            .Validates(() => Timeout, DurationRule)
            .Validates(() => Label, ReadableRule)
            .Validates(() => Token, TokenRule)
            .Executes(() => Ran.Add(nameof(Ship)));

        public Target Audit => _ => _
            .Validates(() => Timeout, DurationRule)
            .Validates(() => Computed, HostNameRule)
            .Executes(() => Ran.Add(nameof(Audit)));
    }
}

using BuildEngine;

namespace EngineTests.Parameters;

/// <summary>Help shows what a parameter that was not given stands for (the branch git has out), not "(none)".</summary>
public class DefaultFromTests : BuildHostFixture
{
    [Test]
    public void Help_shows_the_resolved_default_and_where_it_came_from()
    {
        Host.Run(new ResolvingBuild(), "--help").Should().Be(ExitCodes.Success);

        HelpRow("--branch").Should().EndWith("feature/x (git)");
        HelpRow("--plain").Should().EndWith("(none) (default)", "a parameter without DefaultFrom is shown as before");
    }

    [Test]
    public void A_given_value_wins_over_the_resolver_and_names_its_source()
    {
        Host.Run(new ResolvingBuild(), "--help", "--branch", "main").Should().Be(ExitCodes.Success);

        HelpRow("--branch").Should().EndWith("main (--branch)");
    }

    [Test]
    public void A_resolver_that_fails_is_reported_and_help_still_prints()
    {
        Host.Run(new ResolvingBuild { GitFails = true }, "--help").Should().Be(ExitCodes.Success);

        HelpRow("--branch").Should().EndWith("(unknown) (no git here)");
    }

    private string HelpRow(string option) =>
        Host.Output.Split('\n').Single(line => line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal)).TrimEnd();

    private sealed class ResolvingBuild : NukeBuild
    {
        public bool GitFails { get; init; }

        [Parameter("Branch being built", DefaultFrom = nameof(GitBranch))]
        public readonly string? Branch;

        [Parameter("A parameter with no resolver")]
        public readonly string? Plain;

        private ResolvedDefault GitBranch => GitFails ? throw new InvalidOperationException("no git here") : new("feature/x", "git");

        public Target Compile => _ => _.Executes(() => { });
    }
}

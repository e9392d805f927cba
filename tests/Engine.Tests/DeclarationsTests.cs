using BuildEngine;

namespace EngineTests;

/// <summary>What targets declare for CI besides their graph: parameters they read, artifacts, exclusive resources.</summary>
public class DeclarationsTests : BuildHostFixture
{
    [Test]
    public void A_target_knows_the_parameters_it_uses_or_requires_and_their_credentials()
    {
        var build = new ShipBuild();

        Host.Run(build, "Ship", "--region", "eu", "--plan").Should().Be(ExitCodes.Success, Host.Output);

        var ship = build.Model.Find("Ship");
        ship.UsedParameters.Should().Equal("Token");
        build.Model.ParametersOf(ship).Select(parameter => (parameter.Name, parameter.CredentialsId)).Should().Equal(("Token", "ship-token"), ("Region", null));
        ship.ExclusiveResource.Should().Be("prod-eu");
        ship.Artifacts.Should().Equal(Host.Root / "out" / "ship.json");
    }

    [Test]
    public void Using_a_member_that_is_not_a_parameter_is_a_definition_error()
    {
        Host.Run(new BadUsesBuild(), "--help").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Ship' uses 'NotAParameter', which is not a [Parameter] of the build.");
    }

    [Test]
    public void A_target_that_leaves_what_it_produces_succeeds()
    {
        Host.Run(new ShipBuild { Write = true }, "Ship", "--region", "x").Should().Be(ExitCodes.Success, Host.Output);
    }

    [Test]
    public void A_target_that_does_not_leave_what_it_produces_fails_saying_so()
    {
        var build = new ShipBuild { Write = false };

        Host.Run(build, "Ship", "--region", "x").Should().Be(ExitCodes.TargetFailed);

        build.Plan!["Ship"]!.Reason.Should().Be($"Ship finished without leaving {Host.Root / "out" / "ship.json"}, which it declares with Produces.");
    }

    [Test]
    public void A_produced_pattern_needs_one_matching_file()
    {
        var build = new PatternBuild();

        Host.Run(build, "Pack").Should().Be(ExitCodes.TargetFailed);
        Directory.CreateDirectory(Host.Root / "out");
        File.WriteAllText(Host.Root / "out" / "site.1.0.nupkg", "");
        Host.Run(new PatternBuild(), "Pack").Should().Be(ExitCodes.Success, Host.Output);
    }

    [Test]
    public void A_dynamic_condition_that_throws_fails_its_target_not_the_build_engine()
    {
        var build = new ThrowingConditionBuild();

        Host.Run(build, "After").Should().Be(ExitCodes.TargetFailed);

        build.Plan!["Check"]!.Status.Should().Be(TargetStatus.Failed);
        build.Plan!["Check"]!.Reason.Should().Be("the cluster did not answer");
        build.Plan!["After"]!.Status.Should().Be(TargetStatus.NotRun);
        Host.Output.Should().Contain("Check failed while checking whether to run: the cluster did not answer");
    }

    private sealed class ShipBuild : NukeBuild
    {
        [Parameter("Token", CredentialsId = "ship-token"), Secret] public string? Token;
        [Parameter("Where")] public string? Region;
        public bool Write { get; init; }

        public Target Ship => _ => _
            .Uses(() => Token)
            .Requires(() => Region)
            .Exclusive("prod-eu")
            .Produces(RootDirectory / "out" / "ship.json")
            .Executes(() =>
            {
                if (!Write)
                    return;
                Directory.CreateDirectory(RootDirectory / "out");
                File.WriteAllText(RootDirectory / "out" / "ship.json", "{}");
            });
    }

    private sealed class BadUsesBuild : NukeBuild
    {
        public string? NotAParameter { get; set; }
        public Target Ship => _ => _.Uses(() => NotAParameter).Executes(() => { });
    }

    private sealed class PatternBuild : NukeBuild
    {
        public Target Pack => _ => _.Produces(RootDirectory / "out" / "*.nupkg").Executes(() => { });
    }

    private sealed class ThrowingConditionBuild : NukeBuild
    {
        public Target Check => _ => _
            .OnlyWhenDynamic(() => throw new BuildFailedException("the cluster did not answer"))
            .Executes(() => { });

        public Target After => _ => _.DependsOn(Check).Executes(() => { });
    }
}

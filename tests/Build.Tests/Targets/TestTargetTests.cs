using BuildEngine;

namespace BuildTests.Targets;

public class TestTargetTests : RealBuildFixture
{
    [Test]
    public void Every_test_project_runs_with_junit_and_trx_loggers_into_artifacts()
    {
        foreach (var name in new[] { "Zeta.Tests", "Alpha.Tests" })
        {
            Directory.CreateDirectory(Host.Root / "tests" / name);
            File.WriteAllText(Host.Root / "tests" / name / $"{name}.csproj", "<Project />");
        }
        Directory.CreateDirectory(Host.Root / "tests" / "bench");
        File.WriteAllText(Host.Root / "tests" / "bench" / "Bench.csproj", "<Project />");
        var results = Host.Root / "artifacts" / "test-results";

        Run("Test", "--configuration", "Release").Should().Be(ExitCodes.Success);

        Single("dotnet restore").Arguments.Should().Equal("restore", Host.Root / "AdminSite.sln", "--nologo");
        Single("dotnet build").Arguments.Should().Equal("build", Host.Root / "AdminSite.sln", "--nologo", "--no-restore", "--configuration", "Release");
        var tests = Commands("dotnet test");
        tests.Should().HaveCount(2);
        tests[0].Arguments.Should().Equal(
            "test", Host.Root / "tests" / "Alpha.Tests" / "Alpha.Tests.csproj", "--nologo", "--configuration", "Release", "--no-build",
            "--results-directory", results,
            "--logger", $"junit;LogFilePath={results / "Alpha.Tests.xml"};MethodFormat=Class;FailureBodyFormat=Verbose",
            "--logger", "trx;LogFileName=Alpha.Tests.trx",
            "--logger", "console;verbosity=normal",
            "--filter", "TestCategory!=PostgreSQL");
        tests[1].Arguments[1].Should().EndWith("Zeta.Tests.csproj");
    }

    [Test]
    public void A_failing_test_project_fails_the_target_after_all_projects_ran()
    {
        foreach (var name in new[] { "A.Tests", "B.Tests" })
        {
            Directory.CreateDirectory(Host.Root / "tests" / name);
            File.WriteAllText(Host.Root / "tests" / name / $"{name}.csproj", "<Project />");
        }
        Answers["dotnet test"] = command => command.Arguments[1].EndsWith("A.Tests.csproj", StringComparison.Ordinal)
            ? new global::Tools.ToolResult(1, "", "")
            : Ok();

        Run("Test").Should().Be(ExitCodes.TargetFailed);

        Commands("dotnet test").Should().HaveCount(2);
        Host.Output.Should().Contain("Tests failed in A.Tests.csproj");
    }
}

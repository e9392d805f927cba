using BuildEngine;
using Tools;

namespace BuildTests;

public class TestTargetTests : RealBuildFixture
{
    [SetUp]
    public void ToolsThePrerequisitesFind() => InstallPrerequisites();

    private int RunTest(params string[] extra) => Run(["Test", "--chromium-path", ToolsDirectory / "chromium", .. extra]);

    [Test]
    public void The_tests_get_both_pinned_helms_and_the_chromium_that_prerequisites_installed()
    {
        AddTestProject("Alpha.Tests");

        RunTest().Should().Be(ExitCodes.Success, Host.Output);

        var environment = Single("dotnet test").Environment;
        environment["HELM4_PATH"].Should().Be(PinnedHelmPath(PinnedHelm.Helm4));
        environment["HELM3_PATH"].Should().Be(PinnedHelmPath(PinnedHelm.Helm3));
        environment["CHROMIUM_PATH"].Should().Be(ToolsDirectory / "chromium");
    }

    private void AddTestProject(string name)
    {
        Directory.CreateDirectory(Host.Root / "tests" / name);
        File.WriteAllText(Host.Root / "tests" / name / $"{name}.csproj", "<Project />");
    }

    [Test]
    public void Every_test_project_runs_with_junit_and_trx_loggers_into_artifacts()
    {
        AddTestProject("Zeta.Tests");
        AddTestProject("Alpha.Tests");
        Directory.CreateDirectory(Host.Root / "tests" / "bench");
        File.WriteAllText(Host.Root / "tests" / "bench" / "Bench.csproj", "<Project />");
        var results = Host.Root / "artifacts" / "test-results";

        RunTest("--configuration", "Release").Should().Be(ExitCodes.Success);

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
        AddTestProject("A.Tests");
        AddTestProject("B.Tests");
        Answers["dotnet test"] = command => command.Arguments[1].EndsWith("A.Tests.csproj", StringComparison.Ordinal)
            ? new global::Tools.ToolResult(1, "", "")
            : Ok();

        RunTest().Should().Be(ExitCodes.TargetFailed);

        Commands("dotnet test").Should().HaveCount(2);
        Host.Output.Should().Contain("Tests failed in A.Tests.csproj");
    }

    [Test]
    public void The_failed_tests_are_named_at_the_end_of_the_log()
    {
        AddTestProject("A.Tests");
        Answers["dotnet test"] = command =>
        {
            // The junit logger writes the results where its LogFilePath says.
            var junit = command.Arguments.Single(argument => argument.StartsWith("junit;", StringComparison.Ordinal));
            var path = junit.Split(';').Single(part => part.StartsWith("LogFilePath=", StringComparison.Ordinal))["LogFilePath=".Length..];
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, """
                <testsuites><testsuite tests="2" failures="1" errors="0" skipped="0" time="1">
                  <testcase name="Fixture.Passes" />
                  <testcase name="Fixture.Breaks"><failure message="Expected 1 but found 2">stack</failure></testcase>
                </testsuite></testsuites>
                """);
            return new global::Tools.ToolResult(1, "", "");
        };

        RunTest().Should().Be(ExitCodes.TargetFailed);

        Host.Output.Should().Contain("Failed Fixture.Breaks: Expected 1 but found 2");
        Host.Output.Should().Contain("Tests failed in A.Tests.csproj (Fixture.Breaks); details in artifacts/test-results/.");
    }

    [Test]
    public void AgentTest_builds_the_test_stage_with_the_uid_and_runs_the_tests_as_that_user_in_the_mounted_workspace()
    {
        Run("AgentTest", "--agent-uid", "1234", "--agent-gid", "5678").Should().Be(ExitCodes.Success);

        Single("docker build").Arguments.Should().Equal(
            "build", "--file", Host.Root / "Dockerfile", "--target", "test", "--tag", "admin-site-agent:1234-5678",
            "--build-arg", "UID=1234", "--build-arg", "GID=5678", Host.Root.Value);
        Single("docker run").Arguments.Should().Equal(
            "run", "--rm", "--user", "1234:5678", "--workdir", Host.Root.Value, "--volume", $"{Host.Root}:{Host.Root}:rw,z",
            "admin-site-agent:1234-5678", "./build.sh", "Test");
    }

    [Test]
    public void AgentTest_defaults_to_the_callers_uid_and_gid_like_jenkins()
    {
        Run("AgentTest").Should().Be(ExitCodes.Success);

        var uid = Environment.GetEnvironmentVariable("UID") ?? File.ReadAllLines("/proc/self/status")
            .Single(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        Single("docker build").Arguments.Should().Contain($"UID={uid}");
        Single("docker run").Arguments.Should().Contain(argument => argument.StartsWith(uid + ":", StringComparison.Ordinal));
    }
}

using BuildEngine;
using Jenkins;

namespace BuildTests.Jenkins;

public class JenkinsfileTests : BuildHostFixture
{
    private string Generate(params string[] args)
    {
        Host.RunWithDefaults(new Build(), ["Test"], [.. args, "--plan"]).Should().Be(ExitCodes.Success, Host.Output);
        return File.ReadAllText(Host.Root / "Jenkinsfile");
    }

    [Test]
    public void The_committed_Jenkinsfile_is_what_the_build_generates()
    {
        var root = AbsolutePath.Create(RepositoryRoot.Path);
        File.Copy(root / ".nuke" / "parameters.json", Host.Root / ".nuke" / "parameters.json");

        Generate().Should().Be(File.ReadAllText(root / "Jenkinsfile").ReplaceLineEndings("\n"),
            "the committed Jenkinsfile must match the targets: run ./build.sh Jenkinsfile and commit it");
    }

    [Test]
    public void Stages_follow_the_target_graph_from_Test_to_Deploy()
    {
        var text = Generate();

        var stages = System.Text.RegularExpressions.Regex.Matches(text, @"stage\('(\w+)'\)").Select(match => match.Groups[1].Value);
        stages.Should().Equal("Test", "DockerBuild", "Push", "Deploy");
        text.Should().Contain("sh './build.sh Test'\n");
        text.Should().Contain("sh './build.sh DockerBuild --skip'");
        text.Should().Contain("sh './build.sh Push --skip'");
        text.Should().Contain("sh './build.sh Deploy --skip'");
    }

    [Test]
    public void The_test_stage_runs_in_the_dockerfile_agent_with_single_quoted_uid_and_gid()
    {
        var test = StageText(Generate(), "Test");

        test.Should().Contain("dockerfile {");
        test.Should().Contain("additionalBuildArgs '--target test --build-arg UID=$(id -u) --build-arg GID=$(id -g)'");
        test.Should().Contain("reuseNode true");
        test.Should().Contain("junit testResults: 'artifacts/test-results/*.xml'");
        test.Should().NotContain("when {");
    }

    [Test]
    public void Only_branch_limited_targets_get_when_blocks_and_never_on_pull_requests()
    {
        var text = Generate();

        foreach (var stage in new[] { "DockerBuild", "Push", "Deploy" })
        {
            StageText(text, stage).Should().Contain("when {\n                beforeAgent true\n                branch 'develop'\n                not { changeRequest() }\n            }");
        }
        text.Should().Contain("agent any").And.Contain("cron('@daily')").And.Contain("timeout(time: 1, unit: 'HOURS')")
            .And.Contain("buildDiscarder(logRotator(numToKeepStr: '20'))").And.Contain("disableConcurrentBuilds()").And.Contain("timestamps()");
    }

    [Test]
    public void A_different_deploy_branch_in_parameters_json_changes_the_conditions()
    {
        Host.WithParametersFile("""{ "DeployBranch": "main" }""");

        var text = Generate();

        text.Should().Contain("branch 'main'").And.NotContain("branch 'develop'");
    }

    [Test]
    public void A_stale_Jenkinsfile_fails_a_jenkins_build_before_any_target_runs()
    {
        Generate();
        File.AppendAllText(Host.Root / "Jenkinsfile", "// edited by hand\n");
        Host.WithEnvironment("JENKINS_URL", "https://jenkins.example/").WithEnvironment("BRANCH_NAME", "develop");

        Host.RunWithDefaults(new Build(), ["Test"], "Test").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Jenkinsfile is out of date with the build definition: run './build.sh Jenkinsfile' locally and commit the result.");
    }

    [Test]
    public void Stages_come_from_the_graph_so_a_new_target_becomes_a_stage()
    {
        var model = new ScanBuild();
        Host.Run(model, "Deploy", "--plan").Should().Be(ExitCodes.Success);

        var pipeline = JenkinsPipeline.FromTargets(model.Model, "Test", "Deploy");

        pipeline.Stages.Select(stage => stage.Target).Should().Equal("Test", "Scan", "Deploy");
        pipeline.Stages[1].BranchPatterns.Should().BeEmpty();
        JenkinsfileWriter.Write(pipeline, "./build.sh Jenkinsfile").Should().Contain("stage('Scan') {\n            steps {");
    }

    [Test]
    public void Several_branch_patterns_become_anyOf()
    {
        var pipeline = new JenkinsPipeline([new JenkinsStage("Test", [], true), new JenkinsStage("Ship", ["main", "release/*"], false)]);

        JenkinsfileWriter.Write(pipeline, "x").Should().Contain("anyOf {\n                    branch 'main'\n                    branch 'release/*'\n                }");
    }

    private static string StageText(string jenkinsfile, string stage)
    {
        var start = jenkinsfile.IndexOf($"stage('{stage}')", StringComparison.Ordinal);
        var next = jenkinsfile.IndexOf("stage('", start + 1, StringComparison.Ordinal);
        return next < 0 ? jenkinsfile[start..] : jenkinsfile[start..next];
    }

    private sealed class ScanBuild : NukeBuild
    {
        public Target Compile => _ => _.Executes(() => { });
        public Target Test => _ => _.DependsOn(Compile).Executes(() => { });
        public Target Scan => _ => _.DependsOn(Test).Executes(() => { });
        public Target Deploy => _ => _.DependsOn(Scan).OnlyOnBranches("main").Executes(() => { });
    }
}

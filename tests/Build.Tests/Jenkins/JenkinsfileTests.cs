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

        var pipeline = JenkinsPipeline.FromTargets(model.Model, Host.Root, "Test", "Deploy");

        pipeline.Stages.Select(stage => stage.Target).Should().Equal("Test", "Scan", "Deploy");
        pipeline.Stages[1].BranchPatterns.Should().BeEmpty();
        JenkinsfileWriter.Write(pipeline, "./build.sh Jenkinsfile").Should().Contain("stage('Scan') {\n            steps {");
    }

    [Test]
    public void The_written_file_says_what_the_model_says_stage_by_stage()
    {
        var text = Generate();
        var build = new Build();
        Host.RunWithDefaults(build, ["Test"], "--plan").Should().Be(ExitCodes.Success);

        var model = JenkinsPipeline.FromTargets(build.Model, Host.Root, "Test", "Deploy");

        JenkinsfileStructure.Stages(text).Should().BeEquivalentTo(model.Stages,
            options => options.ComparingByMembers<JenkinsStage>().ComparingByMembers<JenkinsCredential>().WithStrictOrdering());
        model.Stages.Select(stage => stage.Command).Should().Equal(
            "./build.sh Test", "./build.sh DockerBuild --skip", "./build.sh Push --skip", "./build.sh Deploy --skip");
    }

    [Test]
    public void Credentials_are_bound_only_around_the_stages_whose_targets_read_them()
    {
        var text = Generate();

        StageText(text, "Test").Should().NotContain("withCredentials");
        StageText(text, "DockerBuild").Should().NotContain("withCredentials");
        Trimmed(StageText(text, "Push")).Should().Contain(Trimmed("""
                            withCredentials([string(credentialsId: 'registry-password', variable: 'REGISTRY_PASSWORD')]) {
                                sh './build.sh Push --skip'
                            }
            """));
        StageText(text, "Deploy").Should().Contain("withCredentials([file(credentialsId: 'kubeconfig', variable: 'KUBE_CONFIG')])")
            .And.NotContain("registry-password");
    }

    [Test]
    public void Deploy_holds_a_lock_named_after_the_release_and_namespace_around_its_credentials_and_step()
    {
        Host.WithParametersFile("""{ "Release": "admin", "Namespace": "prod" }""");

        var deploy = StageText(Generate(), "Deploy");

        Trimmed(deploy).Should().Contain(Trimmed("""
                        steps {
                            lock(resource: 'admin-prod') {
                                withCredentials([file(credentialsId: 'kubeconfig', variable: 'KUBE_CONFIG')]) {
                                    sh './build.sh Deploy --skip'
                                }
                            }
                        }
            """));
    }

    [Test]
    public void Push_archives_the_image_record_it_produces_when_it_succeeds()
    {
        var push = StageText(Generate(), "Push");

        Trimmed(push).Should().Contain(Trimmed("""
                        post {
                            success {
                                archiveArtifacts artifacts: 'artifacts/image.json', fingerprint: true
                            }
                        }
            """));
    }

    [Test]
    public void A_local_command_line_does_not_change_the_committed_Jenkinsfile()
    {
        var committed = Generate();

        Host.RunWithDefaults(new Build(), ["Test"], "--deploy-branch", "main", "--namespace", "ops", "--plan").Should().Be(ExitCodes.Success);

        File.ReadAllText(Host.Root / "Jenkinsfile").Should().Be(committed);
    }

    [TestCase("dev\\nelop", "U+000A", 4)]
    [TestCase("develop\\r", "U+000D", 8)]
    [TestCase("dev\\u2028elop", "U+2028", 4)]
    [TestCase("dev\\u0000elop", "U+0000", 4)]
    public void A_control_character_in_a_branch_pattern_stops_the_build_and_writes_nothing(string json, string code, int position)
    {
        var before = Generate();
        Host.WithParametersFile($$"""{ "DeployBranch": "{{json}}" }""");

        Host.RunWithDefaults(new Build(), ["Test"], "--plan").Should().Be(ExitCodes.NotStarted);

        // The engine refuses C0/C1 controls in branch patterns as the targets load; the generator refuses the rest
        // (U+2028, U+2029 end a line too) and anything else it writes.
        Host.Output.Should().Contain(code == "U+2028"
            ? $"Jenkinsfile: the branch pattern of target DockerBuild holds a control character ({code}) at position {position}"
            : "--deploy-branch 'dev");
        Host.Output.Should().Contain("control character");
        File.ReadAllText(Host.Root / "Jenkinsfile").Should().Be(before);
    }

    [Test]
    public void A_control_character_in_the_lock_resource_is_refused_too()
    {
        Host.WithParametersFile("""{ "Namespace": "prod\nstage('Evil')" }""");

        Host.RunWithDefaults(new Build(), ["Test"], "--plan").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Jenkinsfile: the lock resource of target Deploy holds a control character (U+000A)");
    }

    [TestCase("registry\npassword", "VARIABLE", "credentials id")]
    [TestCase("id", "X\tY", "credentials variable")]
    public void Every_value_written_is_checked_credentials_included(string id, string variable, string what)
    {
        var pipeline = new JenkinsPipeline([new JenkinsStage("Ship", [], false) { Credentials = [new JenkinsCredential(CredentialKind.Text, id, variable)] }]);

        var write = () => JenkinsfileWriter.Write(pipeline, "x");

        write.Should().Throw<BuildDefinitionException>().WithMessage($"Jenkinsfile: the {what} of target Ship holds a control character*");
    }

    [Test]
    public void Quotes_and_backslashes_are_escaped_not_refused()
    {
        GroovyString.Quote(@"it's a\b", "x").Should().Be(@"'it\'s a\\b'");
    }

    [Test]
    public void Several_branch_patterns_become_anyOf()
    {
        var pipeline = new JenkinsPipeline([new JenkinsStage("Test", [], true), new JenkinsStage("Ship", ["main", "release/*"], false)]);

        JenkinsfileWriter.Write(pipeline, "x").Should().Contain("anyOf {\n                    branch 'main'\n                    branch 'release/*'\n                }");
    }

    /// <summary>The lines without their indentation: the order of the blocks is what is compared.</summary>
    private static string Trimmed(string text) => string.Join('\n', text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

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

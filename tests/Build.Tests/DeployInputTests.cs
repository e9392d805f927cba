using BuildEngine;

namespace BuildTests;

/// <summary>
/// Deploy's inputs are checked before the first target of the plan starts: a bad one exits with code 2, names the
/// option and the rule, and no process has started (no git, no dotnet test, no docker, no helm).
/// </summary>
public class DeployInputTests : RealBuildFixture
{
    [SetUp]
    public void Helm() => InstallFakeTool("helm");

    /// <summary>The whole road: Prerequisites, Restore, Compile, Test, DockerBuild, Push, then Deploy.</summary>
    private int Deploy(params string[] extra) =>
        Run(["Deploy", "--branch", "develop", "--registry", "reg.example.com", "--kube-context", "prod", .. extra]);

    [Test]
    public void A_digest_that_is_not_hex_stops_the_build_before_test_docker_or_helm()
    {
        Deploy("--image-digest", "sha256:nothex").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--image-digest 'sha256:nothex' must be sha256: followed by 64 lowercase hex digits (given on the command line).");
        NoProcessStarted();
    }

    [Test]
    public void A_missing_values_file_stops_the_build()
    {
        Deploy("--values-files", "env/prod.yaml").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--values-files '{Host.Root / "env" / "prod.yaml"}' must be an existing YAML file of chart values: no such file (given on the command line).");
        NoProcessStarted();
    }

    [Test]
    public void A_values_file_that_is_not_yaml_stops_the_build_naming_the_place()
    {
        File.WriteAllText(Host.Root / "prod.yaml", "replicaCount: 1\nimage: [unclosed\n");

        Deploy("--values-files", "prod.yaml").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--values-files '{Host.Root / "prod.yaml"}' must be an existing YAML file of chart values: it is not YAML (line 3, column 1: While parsing a flow sequence");
        NoProcessStarted();
    }

    [TestCase("- a list\n- of things\n", "its top level is not a mapping of values")]
    [TestCase("a: 1\n---\nb: 2\n", "it holds 2 YAML documents, and helm reads values from one")]
    public void A_values_file_helm_would_refuse_stops_the_build(string yaml, string problem)
    {
        File.WriteAllText(Host.Root / "prod.yaml", yaml);

        Deploy("--values-files", "prod.yaml").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain(problem);
        NoProcessStarted();
    }

    [TestCase("forever", "")]
    [TestCase("300", ": it has no unit (ns, us, ms, s, m or h)")]
    [TestCase("0s", ": it must be longer than zero")]
    [TestCase("-5m", "")]
    public void A_timeout_that_is_not_a_go_duration_stops_the_build(string timeout, string detail)
    {
        Deploy("--deploy-timeout", timeout).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--deploy-timeout '{timeout}' must be a Go duration such as 90s, 5m or 1h30m{detail} (given on the command line).");
        NoProcessStarted();
    }

    [TestCase("bad_registry!!/UPPER/Case")]
    [TestCase("reg/x,service.type=NodePort,extraEnv[0].name=ASPNETCORE_FORWARDEDHEADERS_ENABLED,extraEnv[0].value=true")]
    public void A_registry_that_is_no_host_and_port_stops_the_build(string registry)
    {
        Run("Deploy", "--branch", "develop", "--registry", registry, "--kube-context", "prod").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--registry '{registry}' must be a registry host[:port]");
        NoProcessStarted();
    }

    [TestCase("admin-site,service.type=NodePort", "',' is not allowed")]
    [TestCase("team/Admin", "uppercase 'A' is not allowed")]
    [TestCase("team//admin", "every path component starts and ends with a letter or digit, with no empty component")]
    public void A_repository_outside_the_oci_grammar_stops_the_build(string repository, string problem)
    {
        Deploy("--repository", repository).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"--repository '{repository}' must be an image repository of lowercase path components").And.Contain(problem);
        NoProcessStarted();
    }

    [TestCase("--release", "--set=x", "a Helm release name")]
    [TestCase("--release", "Admin", "a Helm release name")]
    [TestCase("--namespace", "Prod", "a Kubernetes namespace")]
    public void Release_and_namespace_follow_the_names_helm_and_kubernetes_accept(string option, string value, string rule)
    {
        Deploy($"{option}={value}").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain($"{option} '{value}' must be {rule}");
        NoProcessStarted();
    }

    [Test]
    public void A_digest_without_a_registry_is_reported_before_anything_runs()
    {
        Run("Deploy", "--skip", "--branch", "develop", "--kube-context", "prod", "--image-digest", Digest).Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("Target 'Deploy' requires: --registry with --image-digest, to say where the image is");
        NoProcessStarted();
    }

    [Test]
    public void A_helm_path_that_is_not_there_is_reported_before_anything_runs()
    {
        Deploy("--helm-path", "/nowhere/helm").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--helm-path '/nowhere/helm' must be an executable file: no such file (given on the command line).");
        NoProcessStarted();
    }

    [Test]
    public void Every_bad_input_is_reported_in_one_run()
    {
        Deploy("--image-digest", "sha256:nothex", "--deploy-timeout", "forever", "--values-files", "missing.yaml").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--image-digest 'sha256:nothex'").And.Contain("--deploy-timeout 'forever'").And.Contain("--values-files '");
        NoProcessStarted();
    }

    [Test]
    public void Plan_runs_the_same_checks_and_exits_2_having_run_nothing()
    {
        Deploy("--image-digest", "sha256:nothex", "--plan").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("A real run would stop before starting: --image-digest 'sha256:nothex' must be sha256: followed by 64 lowercase hex digits");
        NoProcessStarted();
    }

    [Test]
    public void Plan_exits_0_when_every_input_is_good()
    {
        Deploy("--plan").Should().Be(ExitCodes.Success, Host.Output);

        Host.Output.Should().NotContain("A real run would stop");
        NoProcessStarted();
    }

    [Test]
    public void A_deploy_skipped_on_this_branch_needs_none_of_its_inputs()
    {
        Run("Deploy", "--branch", "feature/x", "--deploy-timeout", "forever", "--registry", "bad_registry!!", "--plan").Should().Be(ExitCodes.Success, Host.Output);

        Host.Output.Should().Contain("skip // branch 'feature/x' is not develop");
    }

    [Test]
    public void Values_from_the_environment_and_parameters_file_are_named_by_their_source()
    {
        Host.WithEnvironment("DEPLOY_TIMEOUT", "forever").WithParametersFile("""{ "Registry": "bad_registry!!" }""");

        Run("Deploy", "--branch", "develop", "--kube-context", "prod").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("--deploy-timeout 'forever' must be a Go duration such as 90s, 5m or 1h30m (from environment variable DEPLOY_TIMEOUT).");
        Host.Output.Should().Contain("--registry 'bad_registry!!' must be a registry host[:port]").And.Contain("(from .nuke/parameters.json).");
        NoProcessStarted();
    }

    [Test]
    public void A_deploy_branch_with_a_newline_is_refused_before_any_file_is_generated()
    {
        Host.WithEnvironment("DEPLOY_BRANCH", "develop\n' } } stage('x') {");

        Run("Deploy", "--plan").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain(@"--deploy-branch 'develop\n' } } stage('x') {' must be a branch pattern: it contains a control character (\n).");
        File.Exists(Host.Root / "Jenkinsfile").Should().BeFalse("the pattern would have gone into the Jenkinsfile's when { branch '...' }");
    }
}

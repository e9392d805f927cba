using BuildEngine;
using Tools;

/// <summary>
/// The build of admin-site. This file holds Main, the parameters, paths and tools several concerns share; the
/// targets live in partial files named for what they hold:
/// <list type="bullet">
/// <item>Build.Compile.cs: Clean, Restore, Compile</item>
/// <item>Build.Prerequisites.cs: Prerequisites, and where every tool is (helm, Chromium)</item>
/// <item>Build.Test.cs: Test, AgentTest</item>
/// <item>Build.Image.cs: DockerBuild, Push</item>
/// <item>Build.Deploy.cs: Deploy</item>
/// <item>Build.GeneratedFiles.cs: Jenkinsfile, and every file generated from the targets</item>
/// <item>Build.Run.cs: Run</item>
/// <item>Build.Bench.cs: Bench</item>
/// <item>Build.E2E.cs: E2E; Build.E2E.Jenkins.cs: its Jenkins rehearsal</item>
/// </list>
/// Run <c>./build.sh --help</c> for the graph.
/// </summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(build => build.Test);

    [Parameter("Build configuration")]
    readonly Configuration Configuration = Configuration.Debug;

    [Parameter("Branch being built (default: Jenkins' BRANCH_NAME, else the branch checked out in git)", EnvironmentVariable = "BRANCH_NAME", DefaultFrom = nameof(GitBranch))]
    readonly string? Branch;

    [Parameter("Pull-request id; Jenkins sets CHANGE_ID on pull-request builds, which never publish or deploy", EnvironmentVariable = "CHANGE_ID")]
    readonly string? ChangeId;

    [Parameter("Branch (Jenkins glob) whose builds publish and deploy the image")]
    readonly string DeployBranch = "develop";

    [Parameter("Container registry host, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com")]
    readonly string? Registry;

    [Parameter("Image repository in the registry")]
    readonly string Repository = "admin-site";

    [Parameter("docker --network for builds and runs (the E2E rehearsal uses host)")]
    readonly string? DockerNetwork;

    /// <summary>Runs every process; tests replace it to assert exact command lines.</summary>
    internal IProcessRunner Runner { get; init; } = new ProcessRunner();

    protected override string? CurrentBranch => Branch ?? Git.CurrentBranch();
    ResolvedDefault GitBranch => new(Git.CurrentBranch(), "git");
    protected override string? PullRequestId => ChangeId;
    /// <summary>Jenkins sets JENKINS_URL, not CI.</summary>
    protected override IReadOnlyList<string> ServerBuildVariables => ["JENKINS_URL", "CI"];

    AbsolutePath SourceDirectory => RootDirectory / "source";
    AbsolutePath TestsDirectory => RootDirectory / "tests";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath Solution => RootDirectory / "AdminSite.sln";
    AbsolutePath AdminSiteProject => SourceDirectory / "AdminSite" / "AdminSite.csproj";
    AbsolutePath Dockerfile => RootDirectory / "Dockerfile";
    /// <summary>Written by Push, read by Deploy: the image by digest.</summary>
    AbsolutePath ImageRecordFile => ArtifactsDirectory / "image.json";

    DotNet DotNet => new(Runner, RootDirectory);
    Git Git => new(Runner, RootDirectory);
    Docker Docker => new(Runner, RootDirectory);
}

enum Configuration
{
    Debug,
    Release,
}

using BuildEngine;
using Tools;

/// <summary>
/// The build of admin-site. Targets live in partial files, one concern each: Build.Test.cs, Build.Run.cs,
/// Build.Container.cs, Build.Deploy.cs, Build.Jenkins.cs. Run <c>./build.sh --help</c> for the graph.
/// </summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(build => build.Test);

    [Parameter("Build configuration")]
    readonly Configuration Configuration = Configuration.Debug;

    [Parameter("Branch being built (default: Jenkins' BRANCH_NAME, else the branch checked out in git)", EnvironmentVariable = "BRANCH_NAME")]
    readonly string? Branch;

    [Parameter("Pull-request id; Jenkins sets CHANGE_ID on pull-request builds, which never publish or deploy", EnvironmentVariable = "CHANGE_ID")]
    readonly string? ChangeId;

    [Parameter("Branch (Jenkins glob) whose builds publish and deploy the image")]
    readonly string DeployBranch = "develop";

    /// <summary>Runs every process; tests replace it to assert exact command lines.</summary>
    internal IProcessRunner Runner { get; init; } = new ProcessRunner();

    protected override string? CurrentBranch => Branch ?? Git.CurrentBranch();
    protected override string? PullRequestId => ChangeId;
    /// <summary>Jenkins sets JENKINS_URL, not CI.</summary>
    protected override IReadOnlyList<string> ServerBuildVariables => ["JENKINS_URL", "CI"];

    AbsolutePath SourceDirectory => RootDirectory / "source";
    AbsolutePath TestsDirectory => RootDirectory / "tests";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath Solution => RootDirectory / "AdminSite.sln";
    AbsolutePath AdminSiteProject => SourceDirectory / "AdminSite" / "AdminSite.csproj";

    DotNet DotNet => new(Runner, RootDirectory);
    Git Git => new(Runner, RootDirectory);
}

enum Configuration
{
    Debug,
    Release,
}

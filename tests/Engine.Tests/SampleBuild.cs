using BuildEngine;

namespace EngineTests;

/// <summary>A small build in the shape of the real one, recording which targets ran.</summary>
public class SampleBuild : NukeBuild
{
    public List<string> Ran { get; } = [];
    public string? GitBranch { get; set; } = "develop";
    public string? PullRequest { get; set; }
    public bool CompileWanted { get; set; } = true;
    public bool TestWanted { get; set; } = true;
    public bool FailTest { get; set; }

    [Parameter("Where Deploy goes")]
    public string? Environment;

    protected override string? CurrentBranch => GitBranch;
    protected override string? PullRequestId => PullRequest;

    public Target Clean => _ => _.Before(Restore).Executes(() => Ran.Add(nameof(Clean)));

    public Target Restore => _ => _.Executes(() => Ran.Add(nameof(Restore)));

    public Target Compile => _ => _
        .DependsOn(Restore)
        .OnlyWhenStatic(() => CompileWanted)
        .Executes(() => Ran.Add(nameof(Compile)));

    public Target Test => _ => _
        .Description("Runs the tests")
        .DependsOn(Compile)
        .OnlyWhenDynamic(() => TestWanted)
        .Executes(async () =>
        {
            await Task.Yield();
            Ran.Add(nameof(Test));
            if (FailTest)
                throw new BuildFailedException("2 tests failed");
        });

    public Target Publish => _ => _
        .DependsOn(Test)
        .OnlyOnBranches("develop")
        .Executes(() => Ran.Add(nameof(Publish)));

    public Target Deploy => _ => _
        .DependsOn(Publish)
        .OnlyOnBranches("develop")
        .Requires(() => Environment)
        .Executes(() => Ran.Add(nameof(Deploy)));

    public Target Report => _ => _
        .After(Test)
        .Executes(() => Ran.Add(nameof(Report)));

    public Target Notify => _ => _.Unlisted().Executes(() => Ran.Add(nameof(Notify)));
}

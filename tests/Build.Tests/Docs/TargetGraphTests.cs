using BuildEngine;
using Docs;

namespace BuildTests.Docs;

public class TargetGraphTests : BuildHostFixture
{
    [Test]
    public void The_committed_README_shows_the_graph_the_build_has()
    {
        var root = AbsolutePath.Create(RepositoryRoot.Path);
        File.Copy(root / ".nuke" / "parameters.json", Host.Root / ".nuke" / "parameters.json");
        File.Copy(root / "README.md", Host.Root / "README.md");

        Host.RunWithDefaults(new Build(), ["Test"], "--plan").Should().Be(ExitCodes.Success, Host.Output);

        File.ReadAllText(Host.Root / "README.md").Should().Be(File.ReadAllText(root / "README.md").ReplaceLineEndings("\n"),
            "README.md's target graph must match the targets: run ./build.sh --help and commit README.md");
    }

    [Test]
    public void The_graph_shows_dependencies_and_branch_conditions_between_the_markers_only()
    {
        var build = new GraphBuild();
        Host.Run(build, "Ship", "--plan").Should().Be(ExitCodes.Success);
        var readme = $"# Title\n\n{TargetGraph.Begin}\nstale\n{TargetGraph.End}\n\nMore text.\n";

        var updated = TargetGraph.UpdateReadme(readme, build.Model.ListedTargets);

        updated.Should().StartWith($"# Title\n\n{TargetGraph.Begin}\n```mermaid\nflowchart LR\n");
        updated.Should().Contain("    Ship[\"Ship<br/><i>main only</i>\"]\n");
        updated.Should().Contain("    Compile --> Ship\n");
        updated.Should().Contain("    Ship -. triggers .-> Notify\n");
        updated.Should().NotContain("stale").And.EndWith($"```\n{TargetGraph.End}\n\nMore text.\n");
    }

    [Test]
    public void A_readme_without_markers_is_left_alone() =>
        TargetGraph.UpdateReadme("# Nothing to see\n", []).Should().Be("# Nothing to see\n");

    private sealed class GraphBuild : NukeBuild
    {
        public Target Compile => _ => _.Executes(() => { });
        public Target Notify => _ => _.Executes(() => { });
        public Target Ship => _ => _.DependsOn(Compile).Triggers(Notify).OnlyOnBranches("main").Executes(() => { });
    }
}

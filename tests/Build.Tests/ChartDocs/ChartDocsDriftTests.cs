using BuildEngine;
using ChartDocs;

namespace BuildTests.ChartDocs;

/// <summary>The committed chart/values.schema.json and chart/README.md are what values.yaml generates.</summary>
public class ChartDocsDriftTests : BuildHostFixture
{
    [Test]
    public void The_committed_schema_and_readme_table_match_values_yaml()
    {
        var files = ChartDocumentation.GeneratedFiles(AbsolutePath.Create(RepositoryRoot.Path) / "chart").ToList();

        files.Select(file => file.Path.Name).Should().BeEquivalentTo(["values.schema.json", "README.md"]);
        foreach (var file in files)
        {
            File.ReadAllText(file.Path).ReplaceLineEndings("\n").Should().Be(file.Content,
                $"{file.Path.Name} is generated from chart/values.yaml: run ./build.sh --help and commit it");
        }
    }

    [Test]
    public void A_local_build_regenerates_them_and_a_ci_build_fails_while_they_are_stale()
    {
        var chart = Host.Root / "chart";
        Directory.CreateDirectory(chart);
        foreach (var name in new[] { "values.yaml", "values.schema.fragment.yaml", "README.md" })
            File.Copy(AbsolutePath.Create(RepositoryRoot.Path) / "chart" / name, chart / name);
        Host.RunWithDefaults(new global::Build(), ["Test"], "--plan").Should().Be(ExitCodes.Success, Host.Output);
        File.ReadAllText(chart / "values.schema.json").Should().Contain("\"title\": \"admin-site chart values\"");

        File.WriteAllText(chart / "values.yaml", File.ReadAllText(chart / "values.yaml").Replace("## @param replicaCount Site pods", "## @param replicaCount Pods", StringComparison.Ordinal));
        Host.WithEnvironment("CI", "true").RunWithDefaults(new global::Build(), ["Test"], "--plan").Should().Be(ExitCodes.NotStarted);

        Host.Output.Should().Contain("chart/values.schema.json is out of date with the build definition: run './build.sh --help' locally")
            .And.Contain("chart/README.md is out of date");
    }

    [Test]
    public void A_checkout_without_the_chart_generates_nothing() =>
        ChartDocumentation.GeneratedFiles(Host.Root / "chart").Should().BeEmpty();
}

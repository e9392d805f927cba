using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// app.kubernetes.io/version says which site version runs: the image's, as Deploy passes it (helm upgrade has no
/// --app-version), else the chart's appVersion. Never in a selector, which is immutable.
/// </summary>
public class VersionLabelTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void Every_object_and_pod_carries_the_image_version()
    {
        var manifest = Scenario("monitoring").Render();

        foreach (var resource in manifest.Resources)
        {
            resource["metadata"]["labels"]["app.kubernetes.io/version"].String.Should().Be("1.3.0-alpha.0.12", resource.Path);
        }

        manifest.PodTemplate["metadata"]["labels"]["app.kubernetes.io/version"].String.Should().Be("1.3.0-alpha.0.12");
        manifest.Deployment["spec"]["selector"]["matchLabels"].Keys.Should().NotContain("app.kubernetes.io/version");
    }

    [Test]
    public void Without_it_the_charts_app_version_stands()
    {
        var labels = Defaults().Render().Deployment["metadata"]["labels"];

        labels["app.kubernetes.io/version"].String.Should().Be(ChartAppVersion());
        labels["app.kubernetes.io/version"].IsStringScalar.Should().BeTrue();
    }

    private static string ChartAppVersion() =>
        File.ReadLines(Path.Combine(RepositoryPaths.Chart, "Chart.yaml"))
            .Single(line => line.StartsWith("appVersion:", StringComparison.Ordinal))["appVersion:".Length..].Trim().Trim('"');
}

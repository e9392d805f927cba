using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>The ServiceMonitor's Service: the metrics port of the site pods, inside the cluster, apart from the site's Service.</summary>
public class MetricsServiceTests(Helm helm) : HelmFixture(helm)
{
    private const string Name = $"{HelmChart.FullName}-metrics";

    [Test]
    public void Only_with_the_service_monitor() =>
        Defaults().Render().OfKind("Service").Select(service => service["metadata"]["name"].String).Should().Equal(HelmChart.FullName);

    [Test]
    public void Is_a_cluster_ip_on_the_metrics_port_of_the_site_pods()
    {
        var manifest = Scenario("monitoring").Render();
        var service = manifest.OfKind("Service").Single(s => s["metadata"]["name"].String == Name);

        service["spec"]["type"].String.Should().Be("ClusterIP");
        service["spec"]["ports"].Names.Should().Equal("metrics");
        service["spec"]["ports"].Named("metrics")["targetPort"].String.Should().Be("metrics");
        service["spec"]["selector"].StringMap.Should().Equal(manifest.Deployment["spec"]["selector"]["matchLabels"].StringMap);
        service["metadata"]["labels"]["app.kubernetes.io/component"].String.Should().Be("metrics", "so the ServiceMonitor tells it from the site's Service");
    }
}

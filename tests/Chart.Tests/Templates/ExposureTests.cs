using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// What the chart exposes as a whole (_exposure.tpl): by default nothing outside the cluster and nothing
/// internet-facing; in every scenario, plain HTTP reaches a client only where the values ask for a plain load
/// balancer, and the internet only where they say so.
/// </summary>
public class ExposureTests(Helm helm) : HelmFixture(helm)
{
    public static IEnumerable<string> Scenarios => RepositoryPaths.Scenarios();

    [Test]
    public void The_default_render_has_no_listener_outside_the_cluster_and_nothing_internet_facing()
    {
        foreach (var manifest in new[] { Defaults().Render(), Scenario("default").Render() })
        {
            manifest.Service["spec"]["type"].String.Should().Be("ClusterIP");
            manifest.Has("Ingress").Should().BeFalse();
            manifest.Resources.Should().NotContain(resource => resource.Canonical.Contains("internet-facing"));
        }
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Only_values_that_say_internet_facing_make_anything_internet_facing(string scenario)
    {
        var rendered = Scenario(scenario).Template().StdOut;
        var saysSo = File.ReadAllText(RepositoryPaths.ScenarioFile(scenario)).Contains("internetFacing: true", StringComparison.Ordinal);

        rendered.Contains("internet-facing", StringComparison.Ordinal).Should().Be(saysSo);
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Every_alb_serves_https_and_only_redirects_http(string scenario)
    {
        foreach (var ingress in Scenario(scenario).Render().OfKind("Ingress"))
        {
            var annotations = ingress["metadata"]["annotations"].StringMap;
            annotations["alb.ingress.kubernetes.io/listen-ports"].Should().Contain("\"HTTPS\": 443");
            annotations["alb.ingress.kubernetes.io/ssl-redirect"].Should().Be("443");
            annotations["alb.ingress.kubernetes.io/certificate-arn"].Should().StartWith("arn:aws:acm:");
        }
    }

    [TestCaseSource(nameof(Scenarios))]
    public void A_plain_http_load_balancer_comes_only_from_exposure_type_load_balancer(string scenario)
    {
        var manifest = Scenario(scenario).Render();
        var asked = File.ReadAllText(RepositoryPaths.ScenarioFile(scenario)).Contains("type: loadBalancer", StringComparison.Ordinal);

        (manifest.Service["spec"]["type"].String == "LoadBalancer").Should().Be(asked);
    }
}

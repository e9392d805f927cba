using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>A LoadBalancer Service forwards port 80 to the container's 8080.</summary>
public class ServiceTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void Is_a_load_balancer_from_80_to_the_http_port_8080()
    {
        var manifest = Scenario("default").Render();
        var service = manifest.Service;
        var port = service["spec"]["ports"].Items.Should().ContainSingle().Subject;

        service["spec"]["type"].String.Should().Be("LoadBalancer");
        port["name"].String.Should().Be("http");
        port["port"].Int.Should().Be(80);
        port["targetPort"].String.Should().Be("http");
        manifest.SiteContainer["ports"].Named(port["targetPort"].String)["containerPort"].Int.Should().Be(8080);
    }

    [Test]
    public void Selects_the_site_pods_but_not_the_test_pod()
    {
        var manifest = Scenario("default").Render();
        var selector = manifest.Service["spec"]["selector"].StringMap;

        Selects(selector, manifest.PodTemplate["metadata"]["labels"].StringMap).Should().BeTrue();
        Selects(selector, manifest.TestPod["metadata"]["labels"].StringMap).Should().BeFalse("the test pod has no http port to serve");
    }

    [Test]
    public void Load_balancer_annotations_pass_through()
    {
        var annotations = Scenario("postgresql").Render().Service["metadata"]["annotations"].StringMap;

        annotations.Should().Contain("service.beta.kubernetes.io/aws-load-balancer-type", "external")
            .And.Contain("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip");
    }

    [Test]
    public void Load_balancer_class_and_source_ranges_are_configurable()
    {
        var spec = Defaults()
            .Set("service.loadBalancerClass", "service.k8s.aws/nlb")
            .Set("service.loadBalancerSourceRanges[0]", "10.0.0.0/8")
            .Render().Service["spec"];

        spec["loadBalancerClass"].String.Should().Be("service.k8s.aws/nlb");
        spec["loadBalancerSourceRanges"].Strings.Should().Equal("10.0.0.0/8");
    }

    [Test]
    public void A_cluster_ip_service_has_no_load_balancer_fields()
    {
        var spec = Scenario("exec-prestop").Set("service.loadBalancerClass", "service.k8s.aws/nlb").Render().Service["spec"];

        spec["type"].String.Should().Be("ClusterIP");
        spec["loadBalancerClass"].Exists.Should().BeFalse();
    }

    [Test]
    public void By_default_there_are_no_annotations() =>
        Defaults().Render().Service["metadata"]["annotations"].Exists.Should().BeFalse();

    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

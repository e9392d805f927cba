using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// The Service forwards port 80 to the container's 8080: a ClusterIP behind the ALB (or nothing), or, with
/// exposure.type=loadBalancer, a load balancer that is internal unless the values say otherwise and shows the pods
/// each client's own address.
/// </summary>
public class ServiceTests(Helm helm) : HelmFixture(helm)
{
    private const string Scheme = "service.beta.kubernetes.io/aws-load-balancer-scheme";
    private const string Internal = "service.beta.kubernetes.io/aws-load-balancer-internal";
    private const string Type = "service.beta.kubernetes.io/aws-load-balancer-type";

    [Test]
    public void Is_a_cluster_ip_from_80_to_the_http_port_8080_by_default()
    {
        var manifest = Scenario("default").Render();
        var service = manifest.Service;
        var port = service["spec"]["ports"].Items.Should().ContainSingle().Subject;

        service["spec"]["type"].String.Should().Be("ClusterIP");
        port["name"].String.Should().Be("http");
        port["port"].Int.Should().Be(80);
        port["targetPort"].String.Should().Be("http");
        manifest.SiteContainer["ports"].Named(port["targetPort"].String)["containerPort"].Int.Should().Be(8080);
        service["metadata"]["annotations"].Exists.Should().BeFalse();
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
    public void A_load_balancer_is_internal_for_both_implementations_unless_the_values_say_otherwise()
    {
        var service = Defaults().Set("exposure.type", "loadBalancer").Render().Service;

        service["spec"]["type"].String.Should().Be("LoadBalancer");
        service["metadata"]["annotations"].StringMap.Should()
            .Contain(Scheme, "internal", "the AWS Load Balancer Controller reads the scheme")
            .And.Contain(Internal, "true", "the cloud provider makes an internet-facing one without it");
        service["spec"]["loadBalancerSourceRanges"].Exists.Should().BeFalse();
    }

    [Test]
    public void The_seeds_public_load_balancer_is_one_explicit_line_away()
    {
        var service = Scenario("public-load-balancer").Render().Service;

        service["spec"]["type"].String.Should().Be("LoadBalancer");
        service["spec"]["ports"][0]["port"].Int.Should().Be(80);
        service["metadata"]["annotations"].StringMap.Should().Contain(Scheme, "internet-facing").And.NotContainKey(Internal);
    }

    [TestCase("public-load-balancer")]
    [TestCase("internal-load-balancer")]
    public void A_load_balancer_shows_the_pods_the_clients_own_address(string scenario)
    {
        var spec = Scenario(scenario).Render().Service["spec"];

        spec["externalTrafficPolicy"].String.Should().Be("Local", "with Cluster, kube-proxy replaces the client's address with a node's");
    }

    [Test]
    public void The_cloud_provider_is_asked_for_an_nlb_which_keeps_the_clients_address()
    {
        Defaults().Set("exposure.type", "loadBalancer").Render().Service["metadata"]["annotations"].StringMap
            .Should().Contain(Type, "nlb", "a classic ELB would show the pods its own address");
        Scenario("internal-load-balancer").Render().Service["metadata"]["annotations"].StringMap
            .Should().Contain(Type, "external", "a type in service.annotations wins");
    }

    [Test]
    public void Class_source_ranges_port_and_annotations_are_configurable()
    {
        var service = Scenario("internal-load-balancer").Render().Service;
        var spec = service["spec"];

        spec["loadBalancerClass"].String.Should().Be("service.k8s.aws/nlb");
        spec["loadBalancerSourceRanges"].Strings.Should().Equal("10.0.0.0/16", "172.31.0.0/16");
        spec["ports"][0]["port"].Int.Should().Be(8080);
        service["metadata"]["annotations"].StringMap.Should().Contain("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip")
            .And.Contain(Scheme, "internal");
    }

    [TestCase("alb-tls")]
    [TestCase("exec-prestop")]
    public void A_cluster_ip_service_has_no_load_balancer_fields(string scenario)
    {
        var spec = Scenario(scenario).Set("exposure.loadBalancer.className", "service.k8s.aws/nlb").Render().Service["spec"];

        spec["type"].String.Should().Be("ClusterIP");
        spec.Keys.Should().NotContain(["loadBalancerClass", "loadBalancerSourceRanges", "externalTrafficPolicy"]);
    }

    [TestCase(Scheme, "internet-facing")]
    [TestCase(Internal, "false")]
    [TestCase("service.beta.kubernetes.io/load-balancer-source-ranges", "0.0.0.0/0")]
    public void Annotations_that_would_change_the_scheme_behind_the_values_back_are_refused(string key, string value)
    {
        var error = Defaults().Set("exposure.type", "loadBalancer").SetJson("service.annotations", $$"""{"{{key}}":"{{value}}"}""").RenderError();

        error.Should().Contain($"service.annotations: {key} is set by the chart; use exposure.internetFacing and exposure.sourceRanges instead");
    }

    [Test]
    public void An_nlb_to_pod_addresses_must_preserve_the_clients_address()
    {
        var error = Scenario("internal-load-balancer")
            .Set("service.annotations.service\\.beta\\.kubernetes\\.io/aws-load-balancer-target-group-attributes", "deregistration_delay.timeout_seconds=30")
            .RenderError();

        error.Should().Contain("preserve_client_ip.enabled=true");
    }

    [Test]
    public void A_cluster_ip_cannot_be_asked_to_face_the_internet()
    {
        Scenario("exec-prestop").Set("exposure.internetFacing", "true").RenderError()
            .Should().Contain("exposure.internetFacing and exposure.sourceRanges need exposure.type alb or loadBalancer");
    }

    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

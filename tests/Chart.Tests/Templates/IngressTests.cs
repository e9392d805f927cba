using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// The ALB Ingress (AWS Load Balancer Controller): HTTPS with the one ACM certificate, HTTP redirected to it,
/// internal unless the values say otherwise, sending to the pods through the Service's http port.
/// </summary>
public class IngressTests(Helm helm) : HelmFixture(helm)
{
    private const string Prefix = "alb.ingress.kubernetes.io/";
    private const string Certificate = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

    [Test]
    public void Without_a_certificate_there_is_no_ingress()
    {
        var manifest = Scenario("default").Render();

        manifest.Has("Ingress").Should().BeFalse("the chart never makes a plain-HTTP ALB");
    }

    [Test]
    public void The_certificate_alone_makes_an_internal_https_alb_that_redirects_http()
    {
        var ingress = Scenario("alb-tls").Render().Ingress;
        var annotations = ingress["metadata"]["annotations"].StringMap;

        ingress["spec"]["ingressClassName"].String.Should().Be("alb");
        annotations.Should().Contain(Prefix + "certificate-arn", Certificate)
            .And.Contain(Prefix + "scheme", "internal")
            .And.Contain(Prefix + "listen-ports", """[{"HTTP": 80}, {"HTTPS": 443}]""")
            .And.Contain(Prefix + "ssl-redirect", "443")
            .And.Contain(Prefix + "target-type", "ip");
        annotations.Should().NotContainKey(Prefix + "inbound-cidrs");
    }

    [Test]
    public void The_https_listener_allows_tls_1_2_and_1_3_only()
    {
        Scenario("alb-tls").Render().Ingress["metadata"]["annotations"].StringMap
            .Should().Contain(Prefix + "ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
    }

    [Test]
    public void The_alb_health_check_asks_the_readiness_path_which_answers_200()
    {
        Scenario("alb-tls").Set("readinessProbe.path", "/ready").Render().Ingress["metadata"]["annotations"].StringMap
            .Should().Contain(Prefix + "healthcheck-path", "/ready", "/ answers a redirect, which the ALB counts as unhealthy");
    }

    [Test]
    public void Every_path_goes_to_the_services_http_port()
    {
        var manifest = Scenario("alb-tls").Render();
        var rule = manifest.Ingress["spec"]["rules"].Items.Should().ContainSingle().Subject;
        var path = rule["http"]["paths"].Items.Should().ContainSingle().Subject;

        rule["host"].Exists.Should().BeFalse();
        path["path"].String.Should().Be("/");
        path["pathType"].String.Should().Be("Prefix");
        path["backend"]["service"]["name"].String.Should().Be(manifest.Service["metadata"]["name"].String);
        manifest.Service["spec"]["ports"].Named(path["backend"]["service"]["port"]["name"].String).Exists.Should().BeTrue();
    }

    [Test]
    public void Internet_facing_source_ranges_host_and_more_annotations_are_configurable()
    {
        var ingress = Scenario("alb-internet-facing").Render().Ingress;
        var annotations = ingress["metadata"]["annotations"].StringMap;

        annotations.Should().Contain(Prefix + "scheme", "internet-facing")
            .And.Contain(Prefix + "inbound-cidrs", "198.51.100.0/24,203.0.113.16/28")
            .And.Contain(Prefix + "group.name", "admin-tools");
        ingress["spec"]["rules"][0]["host"].String.Should().Be("admin.example.com");
    }

    [TestCase("scheme", "internet-facing")]
    [TestCase("certificate-arn", "arn:aws:acm:eu-west-1:123456789012:certificate/other")]
    [TestCase("listen-ports", """[{"HTTP": 80}]""")]
    [TestCase("ssl-redirect", "")]
    [TestCase("inbound-cidrs", "0.0.0.0/0")]
    public void Annotations_the_chart_sets_cannot_be_overridden(string name, string value)
    {
        var error = Scenario("alb-tls").SetJson("exposure.alb.annotations", $$"""{"{{Prefix + name}}":{{System.Text.Json.JsonSerializer.Serialize(value)}}}""").RenderError();

        error.Should().Contain($"exposure.alb.annotations: {Prefix + name} is set by the chart");
    }

    [TestCase("exposure.internetFacing", "true")]
    [TestCase("exposure.sourceRanges[0]", "10.0.0.0/8")]
    [TestCase("exposure.alb.host", "admin.example.com")]
    public void Alb_settings_without_a_certificate_fail_instead_of_doing_nothing(string key, string value)
    {
        var error = Scenario("default").Set(key, value).RenderError();

        error.Should().Contain("exposure.type=alb needs exposure.alb.certificateArn");
    }

    [Test]
    public void Only_the_alb_exposure_renders_an_ingress()
    {
        Scenario("alb-tls").Set("exposure.type", "loadBalancer").Render().Has("Ingress").Should().BeFalse();
        Scenario("alb-tls").Set("exposure.type", "clusterIP").Render().Has("Ingress").Should().BeFalse();
    }
}

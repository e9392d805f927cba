using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// On by default for the site's own ports: http from wherever the load balancer connects, metrics only from the
/// monitoring namespace, and out only DNS and the database.
/// </summary>
public class NetworkPolicyTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void By_default_http_is_open_to_the_ALB_metrics_only_from_monitoring_and_only_DNS_goes_out()
    {
        var manifest = Defaults().Render();
        var spec = manifest.Single("NetworkPolicy")["spec"];

        spec["podSelector"]["matchLabels"].StringMap.Should().Equal(manifest.Deployment["spec"]["selector"]["matchLabels"].StringMap);
        spec["policyTypes"].Strings.Should().Equal("Ingress", "Egress");
        var (http, metrics) = (Rule(spec, "http"), Rule(spec, "metrics"));
        http["from"].Items.Where(peer => peer["ipBlock"].Exists).Select(peer => peer["ipBlock"]["cidr"].String)
            .Should().Equal(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], "the ALB connects from exposure.alb.vpcCidrs");
        metrics["from"].Items.Should().ContainSingle().Which["namespaceSelector"]["matchLabels"].StringMap
            .Should().Equal(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "monitoring" });
        spec["ingress"].Items.Should().HaveCount(2, "nothing but the two ports is let in");
        manifest.SiteContainer["ports"].Names.Should().Equal("http", "metrics");
        var egress = spec["egress"].Items.Should().ContainSingle("SQLite needs no network").Subject;
        egress["ports"].Items.Select(p => $"{p["protocol"].String}/{p["port"].String}").Should().Equal("UDP/53", "TCP/53");
    }

    [TestCase("public-load-balancer")]
    [TestCase("internal-load-balancer")]
    public void Behind_a_load_balancer_service_http_is_open_to_every_client(string scenario) =>
        Rule(Scenario(scenario).Render().Single("NetworkPolicy")["spec"], "http")["from"].Exists
            .Should().BeFalse("the NLB passes each client's own address on, wherever it comes from");

    [Test]
    public void PostgreSQL_opens_its_port_to_the_database_peers()
    {
        var egress = Scenario("monitoring").Render().Single("NetworkPolicy")["spec"]["egress"].Items;

        var database = egress.Should().ContainSingle(rule => rule["ports"][0]["port"].String == "5432").Subject;
        database["to"][0]["ipBlock"]["cidr"].String.Should().Be("10.0.32.0/20");
    }

    [Test]
    public void Peers_given_for_http_replace_the_ALBs_and_keep_the_helm_test_pod_allowed()
    {
        var manifest = Scenario("monitoring").Render();
        var from = Rule(manifest.Single("NetworkPolicy")["spec"], "http")["from"].Items;

        from.Where(peer => peer["ipBlock"].Exists).Select(peer => peer["ipBlock"]["cidr"].String).Should().Equal("10.0.0.0/16");
        var testPeer = from.Should().ContainSingle(peer => peer["podSelector"].Exists).Subject["podSelector"]["matchLabels"].StringMap;
        manifest.TestPod["metadata"]["labels"].StringMap.Should().Contain(testPeer);
    }

    [Test]
    public void Without_metrics_there_is_no_metrics_port_to_let_in()
    {
        var manifest = Defaults().Set("metrics.enabled", "false").Render();

        manifest.Single("NetworkPolicy")["spec"]["ingress"].Items.Should().ContainSingle().Which["ports"][0]["port"].String.Should().Be("http");
        manifest.SiteContainer["ports"].Names.Should().Equal("http");
    }

    [Test]
    public void Egress_can_be_left_open_and_extended()
    {
        var open = Defaults().Set("networkPolicy.egress.enabled", "false").Render().Single("NetworkPolicy")["spec"];
        var extended = Defaults().SetJson("networkPolicy.egress.extraRules", """[{"ports":[{"port":3128,"protocol":"TCP"}]}]""")
            .Render().Single("NetworkPolicy")["spec"];

        open["policyTypes"].Strings.Should().Equal("Ingress");
        open["egress"].Exists.Should().BeFalse();
        extended["egress"].Items.Should().HaveCount(2).And.Contain(rule => rule["ports"][0]["port"].String == "3128");
    }

    [Test]
    public void It_can_be_switched_off() =>
        Defaults().Set("networkPolicy.enabled", "false").Render().Has("NetworkPolicy").Should().BeFalse();

    private static Node Rule(Node spec, string port) =>
        spec["ingress"].Items.Should().ContainSingle(rule => rule["ports"][0]["port"].String == port).Subject;
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>
/// The site believes X-Forwarded-For and X-Forwarded-Proto only from the proxy the exposure puts in front of it: the
/// ALB's networks (so its secure cookies and HSTS follow the ALB's HTTPS, and the client's address is the one the ALB
/// saw), and nothing behind a load balancer Service, which adds no headers and shows the pods the client itself.
/// </summary>
public class ForwardedHeadersTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void Behind_the_alb_the_site_trusts_the_vpc_networks_and_reads_one_proxy()
    {
        var env = RenderedManifest.Env(Scenario("postgresql").Render().SiteContainer);

        env["ForwardedHeaders__KnownNetworks__0"]["value"].String.Should().Be("10.0.0.0/16");
        env.Keys.Should().NotContain("ForwardedHeaders__KnownNetworks__1");
        env["ForwardedHeaders__ForwardLimit"]["value"].String.Should().Be("1",
            "the ALB appends the address it saw: only that last entry is the client's, the ones before it are the client's say");
        env.Keys.Should().NotContain("ForwardedHeaders__KnownProxies__0");
    }

    [Test]
    public void By_default_the_alb_networks_are_the_private_ranges()
    {
        var env = RenderedManifest.Env(Scenario("alb-tls").Render().SiteContainer);

        Enumerable.Range(0, 3).Select(i => env[$"ForwardedHeaders__KnownNetworks__{i}"]["value"].String)
            .Should().Equal("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
        env.Keys.Should().NotContain("ForwardedHeaders__KnownNetworks__3");
    }

    [TestCase("default")]
    [TestCase("public-load-balancer")]
    [TestCase("internal-load-balancer")]
    [TestCase("exec-prestop")]
    public void Without_the_alb_no_proxy_is_trusted(string scenario)
    {
        var env = RenderedManifest.Env(Scenario(scenario).Render().SiteContainer);

        env.Keys.Should().NotContain(name => name.StartsWith("ForwardedHeaders__", StringComparison.Ordinal),
            "a client talking to the pod directly (or through a TCP load balancer) would pick its own address");
    }

    [Test]
    public void The_alb_host_is_the_sites_allowed_host()
    {
        RenderedManifest.Env(Scenario("alb-internet-facing").Render().SiteContainer)["AllowedHosts"]["value"].String.Should().Be("admin.example.com");
        RenderedManifest.Env(Scenario("alb-tls").Render().SiteContainer).Keys.Should().NotContain("AllowedHosts");
    }

    [Test]
    public void The_migration_container_gets_no_proxy_settings()
    {
        RenderedManifest.Env(Scenario("postgresql").Render().MigrateContainer).Keys
            .Should().NotContain(name => name.StartsWith("ForwardedHeaders__", StringComparison.Ordinal));
    }

    [Test]
    public void Behind_the_alb_extra_env_cannot_add_or_change_trusted_networks()
    {
        var error = Scenario("alb-tls").SetJson("extraEnv", """[{"name":"ForwardedHeaders__KnownNetworks__0","value":"0.0.0.0/0"}]""").RenderError();

        error.Should().Contain("extraEnv: ForwardedHeaders__KnownNetworks__0 is set by the chart");
    }

    [Test]
    public void Behind_your_own_ingress_extra_env_names_its_network()
    {
        var env = RenderedManifest.Env(Scenario("exec-prestop")
            .SetJson("extraEnv", """[{"name":"ForwardedHeaders__KnownNetworks__0","value":"10.100.0.0/16"}]""").Render().SiteContainer);

        env["ForwardedHeaders__KnownNetworks__0"]["value"].String.Should().Be("10.100.0.0/16");
    }
}

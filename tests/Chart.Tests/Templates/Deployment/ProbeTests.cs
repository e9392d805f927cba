using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>
/// Liveness on /healthz, readiness on /readyz (the database), a startup probe; all tunable, and any Kubernetes
/// Probe field set in values reaches the pod.
/// </summary>
public class ProbeTests(Helm helm) : HelmFixture(helm)
{
    [TestCase("livenessProbe", "/healthz")]
    [TestCase("readinessProbe", "/readyz")]
    [TestCase("startupProbe", "/healthz")]
    public void Probes_get_the_site_health_endpoints_on_the_http_port(string probe, string path)
    {
        var httpGet = Scenario("default").Render().SiteContainer[probe]["httpGet"];

        httpGet["path"].String.Should().Be(path);
        httpGet["port"].String.Should().Be("http");
    }

    [Test]
    public void The_migration_container_has_no_probes()
    {
        var migrate = Defaults().Render().MigrateContainer;

        migrate.Keys.Should().NotContain(["livenessProbe", "readinessProbe", "startupProbe"]);
    }

    [Test]
    public void Probe_paths_and_timings_are_tunable()
    {
        var site = Defaults()
            .Set("readinessProbe.path", "/ready")
            .Set("readinessProbe.periodSeconds", "7")
            .Set("livenessProbe.failureThreshold", "6")
            .Set("startupProbe.failureThreshold", "90")
            .Render().SiteContainer;

        site["readinessProbe"]["httpGet"]["path"].String.Should().Be("/ready");
        site["readinessProbe"]["periodSeconds"].Int.Should().Be(7);
        site["livenessProbe"]["failureThreshold"].Int.Should().Be(6);
        site["startupProbe"]["failureThreshold"].Int.Should().Be(90);
    }

    [TestCase("livenessProbe")]
    [TestCase("readinessProbe")]
    [TestCase("startupProbe")]
    public void A_probe_can_be_disabled(string probe) =>
        Defaults().Set($"{probe}.enabled", "false").Render().SiteContainer[probe].Exists.Should().BeFalse();

    [Test]
    public void The_startup_budget_covers_a_slow_first_start()
    {
        var startup = Defaults().Render().SiteContainer["startupProbe"];

        (startup["periodSeconds"].Int * startup["failureThreshold"].Int).Should().BeGreaterThanOrEqualTo(60);
    }

    [Test]
    public void Any_kubernetes_probe_field_set_in_values_is_rendered()
    {
        var liveness = Defaults()
            .Set("livenessProbe.terminationGracePeriodSeconds", "15")
            .SetJson("livenessProbe.httpGet", """{"scheme":"HTTP","httpHeaders":[{"name":"X-Probe","value":"kubelet"}]}""")
            .Render().SiteContainer["livenessProbe"];

        liveness["terminationGracePeriodSeconds"].Int.Should().Be(15);
        liveness["httpGet"]["scheme"].String.Should().Be("HTTP");
        liveness["httpGet"]["httpHeaders"][0]["name"].String.Should().Be("X-Probe");
        liveness["httpGet"]["path"].String.Should().Be("/healthz");
        liveness["httpGet"]["port"].String.Should().Be("http");
    }

    [TestCase("exec", """{"command":["/bin/true"]}""")]
    [TestCase("tcpSocket", """{"port":"http"}""")]
    [TestCase("grpc", """{"port":8080}""")]
    public void Another_handler_replaces_the_http_get(string handler, string json)
    {
        var startup = Defaults().SetJson($"startupProbe.{handler}", json).Render().SiteContainer["startupProbe"];

        startup[handler].Exists.Should().BeTrue();
        startup["httpGet"].Exists.Should().BeFalse();
    }

    [TestCase("livenessProbe")]
    [TestCase("readinessProbe")]
    [TestCase("startupProbe")]
    public void The_chart_own_probe_values_stay_out_of_the_pod(string probe) =>
        Defaults().Render().SiteContainer[probe].Keys.Should().NotContain(["enabled", "path"]);
}

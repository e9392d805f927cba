using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// Scraping: prometheus.io annotations by default; on request a Prometheus Operator ServiceMonitor with a Service of
/// its own for the metrics port, and the README's alerts as a PrometheusRule. The public Service never has the port.
/// </summary>
public class MonitoringTests(Helm helm) : HelmFixture(helm)
{
    private const string MetricsService = $"{HelmChart.FullName}-metrics";

    [Test]
    public void By_default_pods_carry_scrape_annotations_and_there_is_no_monitor()
    {
        var manifest = Defaults().Render();

        manifest.PodTemplate["metadata"]["annotations"].StringMap.Should().Equal(new Dictionary<string, string>
        {
            ["prometheus.io/scrape"] = "true", ["prometheus.io/port"] = "9090", ["prometheus.io/path"] = "/metrics",
        });
        manifest.Has("ServiceMonitor").Should().BeFalse();
        manifest.Has("PrometheusRule").Should().BeFalse();
        manifest.Service["spec"]["ports"].Names.Should().Equal("http");
    }

    [Test]
    public void The_site_gets_the_metrics_settings_the_pod_declares()
    {
        var manifest = Defaults().Set("metrics.port", "9102").Render();
        var env = RenderedManifest.Env(manifest.SiteContainer);

        env["Metrics__Enabled"]["value"].String.Should().Be("true");
        env["Metrics__Port"]["value"].String.Should().Be("9102");
        manifest.SiteContainer["ports"].Named("metrics")["containerPort"].Int.Should().Be(9102);
        manifest.PodTemplate["metadata"]["annotations"].StringMap["prometheus.io/port"].Should().Be("9102");
    }

    [Test]
    public void Pod_annotations_win_over_the_scrape_annotations_and_those_can_go()
    {
        var overridden = Defaults().SetString("podAnnotations.prometheus\\.io/scrape", "false").Render().PodTemplate["metadata"]["annotations"].StringMap;
        var without = Defaults().Set("metrics.scrapeAnnotations", "false").Render().PodTemplate["metadata"]["annotations"];

        overridden["prometheus.io/scrape"].Should().Be("false");
        without.Exists.Should().BeFalse();
    }

    [Test]
    public void The_service_monitor_selects_the_metrics_service_only()
    {
        var manifest = Scenario("monitoring").Render();
        var monitor = manifest.Single("ServiceMonitor");
        var services = manifest.OfKind("Service");
        var metrics = services.Single(s => s["metadata"]["name"].String == MetricsService);
        var selector = monitor["spec"]["selector"]["matchLabels"].StringMap;

        services.Where(s => Selects(selector, s["metadata"]["labels"].StringMap)).Should().ContainSingle().Which.Should().BeSameAs(metrics);
        monitor["metadata"]["labels"].StringMap.Should().Contain("release", "kube-prometheus-stack");
        monitor["spec"]["namespaceSelector"]["matchNames"].Strings.Should().Equal(HelmChart.Namespace);
        var endpoint = monitor["spec"]["endpoints"].Items.Should().ContainSingle().Subject;
        endpoint["port"].String.Should().Be("metrics");
        endpoint["path"].String.Should().Be("/metrics");
        endpoint["interval"].String.Should().Be("30s");
        metrics["spec"]["type"].String.Should().Be("ClusterIP");
        metrics["spec"]["ports"].Named("metrics")["targetPort"].String.Should().Be("metrics");
        metrics["spec"]["selector"].StringMap.Should().Equal(manifest.Deployment["spec"]["selector"]["matchLabels"].StringMap);
        Selects(metrics["spec"]["selector"].StringMap, manifest.TestPod["metadata"]["labels"].StringMap).Should().BeFalse();
    }

    [Test]
    public void The_alerts_watch_the_sites_metrics_by_the_monitors_job()
    {
        var rules = Scenario("monitoring").Render().Single("PrometheusRule")["spec"]["groups"][0]["rules"].Items;

        rules.Select(r => r["alert"].String).Should().Equal(
            "AdminSiteDown", "AdminSiteServerErrors", "AdminSiteSlowPages", "AdminSiteLoginFailures", "AdminSiteLockoutsOrThrottling", "AdminSiteSlowDatabase");
        var expressions = string.Join("\n", rules.Select(r => r["expr"].String));
        expressions.Should().Contain($"job=\"{MetricsService}\", namespace=\"{HelmChart.Namespace}\"")
            .And.ContainAll("http_server_request_duration_seconds_bucket", "adminsite_logins_total", "adminsite_login_throttled_total", "db_client_operation_duration_seconds_bucket");
        rules.Should().OnlyContain(r => r["labels"]["severity"].Exists && r["annotations"]["summary"].Exists);
    }

    [TestCase("metrics.serviceMonitor.enabled", "metrics.serviceMonitor.enabled and metrics.prometheusRule.enabled need metrics.enabled")]
    [TestCase("metrics.prometheusRule.enabled", "metrics.serviceMonitor.enabled and metrics.prometheusRule.enabled need metrics.enabled")]
    public void Monitoring_without_metrics_fails_with_the_reason(string key, string message) =>
        Defaults().Set("metrics.enabled", "false").Set(key, "true").RenderError().Should().Contain(message);

    [Test]
    public void Alerts_without_the_monitor_fail_with_the_reason() =>
        Defaults().Set("metrics.prometheusRule.enabled", "true").RenderError()
            .Should().Contain("metrics.prometheusRule.enabled needs metrics.serviceMonitor.enabled");

    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

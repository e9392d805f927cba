using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>Off by default; on request a Prometheus Operator ServiceMonitor that selects the metrics Service and nothing else.</summary>
public class ServiceMonitorTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void There_is_none_by_default() => Defaults().Render().Has("ServiceMonitor").Should().BeFalse();

    [Test]
    public void It_selects_the_metrics_service_only_and_scrapes_its_port()
    {
        var manifest = Scenario("monitoring").Render();
        var monitor = manifest.Single("ServiceMonitor");
        var selector = monitor["spec"]["selector"]["matchLabels"].StringMap;

        manifest.OfKind("Service").Where(service => Selects(selector, service["metadata"]["labels"].StringMap))
            .Select(service => service["metadata"]["name"].String).Should().Equal($"{HelmChart.FullName}-metrics");
        monitor["metadata"]["labels"].StringMap.Should().Contain("release", "kube-prometheus-stack");
        monitor["spec"]["namespaceSelector"]["matchNames"].Strings.Should().Equal(HelmChart.Namespace);
        var endpoint = monitor["spec"]["endpoints"].Items.Should().ContainSingle().Subject;
        endpoint["port"].String.Should().Be("metrics");
        endpoint["path"].String.Should().Be("/metrics");
        endpoint["interval"].String.Should().Be("30s");
        endpoint["scrapeTimeout"].String.Should().Be("10s");
    }

    [TestCase("metrics.serviceMonitor.enabled")]
    [TestCase("metrics.prometheusRule.enabled")]
    public void Monitoring_without_metrics_fails_with_the_reason(string key) =>
        Defaults().Set("metrics.enabled", "false").Set(key, "true").RenderError()
            .Should().Contain("metrics.serviceMonitor.enabled and metrics.prometheusRule.enabled need metrics.enabled");

    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>Off by default; on request README's alerts as a PrometheusRule, watching the site's metrics by the ServiceMonitor's job.</summary>
public class PrometheusRuleTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void There_is_none_by_default() => Defaults().Render().Has("PrometheusRule").Should().BeFalse();

    [Test]
    public void The_alerts_watch_the_sites_metrics_by_the_monitors_job()
    {
        var rule = Scenario("monitoring").Render().Single("PrometheusRule");
        var rules = rule["spec"]["groups"][0]["rules"].Items;

        rule["metadata"]["labels"].StringMap.Should().Contain("release", "kube-prometheus-stack");
        rules.Select(r => r["alert"].String).Should().Equal(
            "AdminSiteDown", "AdminSiteServerErrors", "AdminSiteSlowPages", "AdminSiteLoginFailures", "AdminSiteLockoutsOrThrottling", "AdminSiteSlowDatabase");
        var expressions = string.Join("\n", rules.Select(r => r["expr"].String));
        expressions.Should().Contain($"job=\"{HelmChart.FullName}-metrics\", namespace=\"{HelmChart.Namespace}\"")
            .And.ContainAll("http_server_request_duration_seconds_bucket", "adminsite_logins_total", "adminsite_login_throttled_total", "db_client_operation_duration_seconds_bucket");
        rules.Should().OnlyContain(r => r["labels"]["severity"].Exists && r["annotations"]["summary"].Exists);
    }

    [Test]
    public void Without_the_monitor_it_fails_with_the_reason() =>
        Defaults().Set("metrics.prometheusRule.enabled", "true").RenderError()
            .Should().Contain("metrics.prometheusRule.enabled needs metrics.serviceMonitor.enabled");
}

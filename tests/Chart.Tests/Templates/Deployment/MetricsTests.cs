using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>The site serves metrics on a port of its own, as the chart tells it, and the pods say where for annotation-based scraping.</summary>
public class MetricsTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void By_default_pods_carry_scrape_annotations_and_the_Service_has_no_metrics_port()
    {
        var manifest = Defaults().Render();

        manifest.PodTemplate["metadata"]["annotations"].StringMap.Should().Equal(new Dictionary<string, string>
        {
            ["prometheus.io/scrape"] = "true", ["prometheus.io/port"] = "9090", ["prometheus.io/path"] = "/metrics",
        });
        manifest.SiteContainer["ports"].Named("metrics")["containerPort"].Int.Should().Be(9090);
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
    public void Off_there_is_no_port_and_the_site_is_told()
    {
        var manifest = Defaults().Set("metrics.enabled", "false").Render();

        RenderedManifest.Env(manifest.SiteContainer)["Metrics__Enabled"]["value"].String.Should().Be("false");
        manifest.SiteContainer["ports"].Names.Should().Equal("http");
        manifest.PodTemplate["metadata"]["annotations"].Exists.Should().BeFalse();
    }
}

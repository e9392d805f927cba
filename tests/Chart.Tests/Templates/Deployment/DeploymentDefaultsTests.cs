using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>With nothing but values.yaml: one pod on SQLite, stable selectors, sane resources.</summary>
public class DeploymentDefaultsTests(Helm helm) : HelmFixture(helm)
{
    private RenderedManifest _manifest = null!;

    [OneTimeSetUp]
    public void RenderDefaults() => _manifest = Defaults().Render();

    [Test]
    public void Renders_exactly_the_single_pod_resources() =>
        _manifest.Kinds.Should().BeEquivalentTo(["ServiceAccount", "Secret", "PersistentVolumeClaim", "Service", "NetworkPolicy", "Deployment", "Pod"]);

    [Test]
    public void Runs_one_replica() => _manifest.Deployment["spec"]["replicas"].Int.Should().Be(1);

    [Test]
    public void Resources_are_named_after_release_and_chart() =>
        _manifest.Resources.Where(r => r["kind"].String is "Deployment" or "Service" or "ServiceAccount")
            .Select(r => r["metadata"]["name"].String).Should().AllBe(HelmChart.FullName);

    [Test]
    public void Every_resource_is_in_the_release_namespace() =>
        _manifest.Resources.Select(r => r["metadata"]["namespace"].String).Should().AllBe(HelmChart.Namespace);

    [Test]
    public void The_site_listens_on_8080_named_http()
    {
        var port = _manifest.SiteContainer["ports"].Named("http");

        port["containerPort"].Int.Should().Be(8080);
        port["protocol"].String.Should().Be("TCP");
    }

    [Test]
    public void The_entrypoint_of_the_image_is_kept()
    {
        _manifest.SiteContainer["command"].Exists.Should().BeFalse("the image's `dotnet AdminSite.dll` entrypoint must run");
        _manifest.SiteContainer["args"].Exists.Should().BeFalse();
    }

    [Test]
    public void Selector_labels_are_stable_and_select_the_pods()
    {
        var selector = _manifest.Deployment["spec"]["selector"]["matchLabels"].StringMap;
        var podLabels = _manifest.PodTemplate["metadata"]["labels"].StringMap;

        selector.Keys.Should().BeEquivalentTo(["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component"]);
        selector.Should().NotContainKeys("helm.sh/chart", "app.kubernetes.io/version");
        podLabels.Should().Contain(selector);
    }

    [Test]
    public void Containers_have_cpu_and_memory_requests_and_a_memory_limit()
    {
        foreach (var container in new[] { _manifest.SiteContainer, _manifest.MigrateContainer })
        {
            container["resources"]["requests"]["cpu"].String.Should().NotBeEmpty();
            container["resources"]["requests"]["memory"].String.Should().NotBeEmpty();
            container["resources"]["limits"]["memory"].String.Should().NotBeEmpty();
        }
    }

    [Test]
    public void Pod_labels_and_annotations_come_from_values()
    {
        var manifest = Defaults().Set("podLabels.team", "platform").Set("podAnnotations.owner", "ops").Render();

        manifest.PodTemplate["metadata"]["labels"]["team"].String.Should().Be("platform");
        manifest.PodTemplate["metadata"]["annotations"]["owner"].String.Should().Be("ops");
        manifest.Deployment["spec"]["selector"]["matchLabels"]["team"].Exists.Should().BeFalse("selectors are immutable");
    }

    [Test]
    public void Scheduling_values_pass_through()
    {
        var manifest = Scenario("exec-prestop").Render();

        manifest.PodSpec["nodeSelector"]["kubernetes.io/os"].String.Should().Be("linux");
        manifest.PodSpec["tolerations"][0]["key"].String.Should().Be("dedicated");
    }
}

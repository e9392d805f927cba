using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Tests;

/// <summary>`helm test` runs the image's healthcheck command against the Service's /healthz.</summary>
public class TestHealthzTests(Helm helm) : HelmFixture(helm)
{
    private RenderedManifest _manifest = null!;
    private Node _pod = null!;

    [OneTimeSetUp]
    public void Render()
    {
        _manifest = Scenario("default").Render();
        _pod = _manifest.TestPod;
    }

    [Test]
    public void Is_a_test_hook_deleted_before_the_next_run_and_after_success()
    {
        var annotations = _pod["metadata"]["annotations"].StringMap;

        annotations.Should().Contain("helm.sh/hook", "test");
        annotations["helm.sh/hook-delete-policy"].Split(',').Should().BeEquivalentTo("before-hook-creation", "hook-succeeded");
        _pod["spec"]["restartPolicy"].String.Should().Be("Never");
    }

    [Test]
    public void Runs_healthcheck_against_the_service_healthz_with_the_site_image()
    {
        var container = _pod["spec"]["containers"].Items.Should().ContainSingle().Subject;

        container["args"].Strings.Should().Equal("healthcheck", $"http://{HelmChart.FullName}:80/healthz");
        container["command"].Exists.Should().BeFalse();
        container["image"].String.Should().Be(_manifest.SiteContainer["image"].String);
        _manifest.Service["metadata"]["name"].String.Should().Be(HelmChart.FullName);
    }

    [Test]
    public void Follows_the_service_port()
    {
        var pod = Scenario("default").Set("service.port", "8081").Render().TestPod;

        pod["spec"]["containers"][0]["args"][1].String.Should().Be($"http://{HelmChart.FullName}:8081/healthz");
    }

    [Test]
    public void Has_the_same_security_contexts_as_the_site()
    {
        _pod["spec"]["securityContext"].Canonical.Should().Be(_manifest.PodSpec["securityContext"].Canonical);
        _pod["spec"]["containers"][0]["securityContext"].Canonical.Should().Be(_manifest.SiteContainer["securityContext"].Canonical);
    }
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>
/// A terminating pod first keeps serving while it leaves the load balancer (preStop), then lets in-flight
/// requests finish (.NET shutdown timeout), all inside the termination grace period.
/// </summary>
public class GracefulShutdownTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void PreStop_uses_the_native_sleep_action_by_default()
    {
        var site = Defaults().Render().SiteContainer;

        site["lifecycle"]["preStop"]["sleep"]["seconds"].Int.Should().Be(10);
        site["lifecycle"]["preStop"]["exec"].Exists.Should().BeFalse();
    }

    [Test]
    public void The_grace_period_outlasts_preStop_plus_the_app_shutdown_timeout()
    {
        var manifest = Defaults().Render();
        var preStop = manifest.SiteContainer["lifecycle"]["preStop"]["sleep"]["seconds"].Int;
        var appTimeout = int.Parse(RenderedManifest.Env(manifest.SiteContainer)["DOTNET_SHUTDOWNTIMEOUTSECONDS"]["value"].String, System.Globalization.CultureInfo.InvariantCulture);

        manifest.PodSpec["terminationGracePeriodSeconds"].Int.Should().BeGreaterThan(preStop + appTimeout);
    }

    [Test]
    public void The_exec_fallback_runs_sleep_from_the_image()
    {
        var manifest = Scenario("exec-prestop").Render();

        manifest.SiteContainer["lifecycle"]["preStop"]["exec"]["command"].Strings.Should().Equal("sleep", "15");
        manifest.PodSpec["terminationGracePeriodSeconds"].Int.Should().Be(60);
        RenderedManifest.Env(manifest.SiteContainer)["DOTNET_SHUTDOWNTIMEOUTSECONDS"]["value"].String.Should().Be("30");
    }

    [Test]
    public void PreStop_can_be_switched_off() =>
        Defaults().Set("gracefulShutdown.preStop", "none").Render().SiteContainer["lifecycle"].Exists.Should().BeFalse();

    [Test]
    public void A_grace_period_too_short_for_preStop_and_shutdown_fails_the_render()
    {
        var error = Defaults().Set("gracefulShutdown.terminationGracePeriodSeconds", "30").RenderError();

        error.Should().Contain("gracefulShutdown.terminationGracePeriodSeconds (30) must exceed preStopSeconds + appShutdownTimeoutSeconds (30)");
    }

    [Test]
    public void The_sleep_action_is_refused_before_kubernetes_1_30()
    {
        var error = Defaults().KubeVersion("1.29.4").RenderError();

        error.Should().Contain("gracefulShutdown.preStop=sleep needs Kubernetes 1.30+").And.Contain("gracefulShutdown.preStop=exec");
    }

    [TestCase("1.30.0")]
    [TestCase("1.33.1")]
    public void The_sleep_action_renders_from_kubernetes_1_30(string version) =>
        Defaults().KubeVersion(version).Template().Succeeded.Should().BeTrue();

    [Test]
    public void The_exec_fallback_renders_before_kubernetes_1_30() =>
        Scenario("exec-prestop").KubeVersion("1.29.4").Template().Succeeded.Should().BeTrue();
}

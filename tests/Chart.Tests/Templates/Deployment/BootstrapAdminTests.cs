using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>The bootstrap admin reaches the site only through a Secret, chart-made or existing.</summary>
public class BootstrapAdminTests(Helm helm) : HelmFixture(helm)
{
    private const string ChartSecret = $"{HelmChart.FullName}-bootstrap-admin";

    [Test]
    public void The_site_reads_the_admin_from_the_chart_secret()
    {
        var env = RenderedManifest.Env(Defaults().Render().SiteContainer);

        AssertFromSecret(env, "Bootstrap__AdminUserName", ChartSecret, "username");
        AssertFromSecret(env, "Bootstrap__AdminEmail", ChartSecret, "email");
        AssertFromSecret(env, "Bootstrap__AdminPassword", ChartSecret, "password");
    }

    [Test]
    public void An_existing_secret_is_read_with_its_own_keys_and_none_is_created()
    {
        var manifest = Scenario("existing-secret").Render();
        var env = RenderedManifest.Env(manifest.SiteContainer);

        manifest.Has("Secret").Should().BeFalse();
        AssertFromSecret(env, "Bootstrap__AdminUserName", "admin-site-bootstrap", "admin-user");
        AssertFromSecret(env, "Bootstrap__AdminEmail", "admin-site-bootstrap", "admin-email");
        AssertFromSecret(env, "Bootstrap__AdminPassword", "admin-site-bootstrap", "admin-password");
    }

    [Test]
    public void Disabled_means_no_secret_and_no_bootstrap_settings()
    {
        var manifest = Defaults().Set("bootstrapAdmin.enabled", "false").Render();

        manifest.Has("Secret").Should().BeFalse();
        RenderedManifest.Env(manifest.SiteContainer).Keys.Should().NotContain(name => name.StartsWith("Bootstrap__", StringComparison.Ordinal));
    }

    [Test]
    public void No_password_ever_appears_in_the_pod_spec()
    {
        var manifest = Defaults().Set("bootstrapAdmin.password", "Corr3ct-Horse").Render();

        manifest.Deployment.Canonical.Should().NotContain("Corr3ct-Horse");
    }

    private static void AssertFromSecret(IReadOnlyDictionary<string, Node> env, string name, string secret, string key)
    {
        var secretRef = env[name]["valueFrom"]["secretKeyRef"];
        secretRef["name"].String.Should().Be(secret, name);
        secretRef["key"].String.Should().Be(key, name);
    }
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>
/// The certificate that encrypts the Data Protection keys at rest comes from the Secret the operator names, mounted
/// read-only into the site container alone, and the site is pointed at it with its DataProtection settings.
/// </summary>
public class DataProtectionTests(Helm helm) : HelmFixture(helm)
{
    private const string Folder = "/etc/admin-site/data-protection";

    [Test]
    public void A_tls_secret_is_mounted_read_only_and_its_pem_files_named_to_the_site()
    {
        var manifest = Defaults().Set("dataProtection.certificateSecret", "admin-site-keys").Render();
        var env = RenderedManifest.Env(manifest.SiteContainer);
        var mount = manifest.SiteContainer["volumeMounts"].Items.Single(m => m["name"].String == "data-protection-certificate");
        var volume = manifest.PodSpec["volumes"].Named("data-protection-certificate")["secret"];

        env["DataProtection__CertificatePath"]["value"].String.Should().Be($"{Folder}/tls.crt");
        env["DataProtection__CertificateKeyPath"]["value"].String.Should().Be($"{Folder}/tls.key");
        env.Keys.Should().NotContain("DataProtection__CertificatePassword");
        mount["mountPath"].String.Should().Be(Folder);
        mount["readOnly"].Bool.Should().BeTrue();
        volume["secretName"].String.Should().Be("admin-site-keys");
        volume["items"].Items.Select(item => (item["key"].String, item["path"].String)).Should().Equal(("tls.crt", "tls.crt"), ("tls.key", "tls.key"));
    }

    [Test]
    public void The_files_are_readable_by_the_sites_group_only()
    {
        var manifest = Defaults().Set("dataProtection.certificateSecret", "admin-site-keys").Render();

        // 0440: the kubelet makes the files root:<fsGroup>, and the site runs in that group.
        manifest.PodSpec["volumes"].Named("data-protection-certificate")["secret"]["defaultMode"].String.Should().Be("0440");
        manifest.PodSpec["securityContext"]["fsGroup"].Int.Should().Be(manifest.PodSpec["securityContext"]["runAsGroup"].Int);
    }

    [Test]
    public void A_pkcs12_file_gets_its_password_from_the_secret_through_the_environment()
    {
        var manifest = Defaults()
            .Set("dataProtection.certificateSecret", "admin-site-keys")
            .Set("dataProtection.certificateKey", "keys.pfx")
            .Set("dataProtection.privateKeyKey", "")
            .Set("dataProtection.passwordKey", "password")
            .Render();
        var env = RenderedManifest.Env(manifest.SiteContainer);

        env["DataProtection__CertificatePath"]["value"].String.Should().Be($"{Folder}/keys.pfx");
        env.Keys.Should().NotContain("DataProtection__CertificateKeyPath");
        env["DataProtection__CertificatePassword"]["valueFrom"]["secretKeyRef"]["name"].String.Should().Be("admin-site-keys");
        env["DataProtection__CertificatePassword"]["valueFrom"]["secretKeyRef"]["key"].String.Should().Be("password");
        manifest.PodSpec["volumes"].Named("data-protection-certificate")["secret"]["items"].Items
            .Select(item => item["key"].String).Should().Equal(["keys.pfx"], "the password is never a file in the pod");
    }

    [Test]
    public void The_migration_container_neither_mounts_nor_names_the_certificate()
    {
        var manifest = Defaults().Set("dataProtection.certificateSecret", "admin-site-keys").Render();

        manifest.MigrateContainer["volumeMounts"].Items.Select(m => m["name"].String).Should().NotContain("data-protection-certificate");
        RenderedManifest.Env(manifest.MigrateContainer).Keys.Should().NotContain(name => name.StartsWith("DataProtection__", StringComparison.Ordinal));
    }

    [Test]
    public void Without_a_secret_nothing_is_mounted_or_set()
    {
        var manifest = Defaults().Render();

        manifest.PodSpec["volumes"].Named("data-protection-certificate").Exists.Should().BeFalse();
        RenderedManifest.Env(manifest.SiteContainer).Keys.Should().NotContain(name => name.StartsWith("DataProtection__", StringComparison.Ordinal));
    }

    [Test]
    public void Extra_env_cannot_point_the_site_at_another_certificate()
    {
        var error = Defaults().Set("dataProtection.certificateSecret", "admin-site-keys")
            .SetJson("extraEnv", """[{"name":"DataProtection__CertificatePath","value":"/tmp/other.pfx"}]""").RenderError();

        error.Should().Contain("extraEnv: DataProtection__CertificatePath is set by the chart");
    }

    [TestCase("dataProtection.certificateSecret", "Not_A_Name")]
    [TestCase("dataProtection.certificateKey", "")]
    [TestCase("dataProtection.passwordKey", "pass word")]
    public void Bad_names_are_refused_by_the_schema(string key, string value)
    {
        Defaults().Set(key, value).RenderError().Should().Contain(Helm.SchemaField(key));
    }
}

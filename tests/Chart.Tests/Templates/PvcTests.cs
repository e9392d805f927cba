using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>The SQLite file's ReadWriteOnce PersistentVolumeClaim: created, kept on uninstall, or an existing one.</summary>
public class PvcTests(Helm helm) : HelmFixture(helm)
{
    private RenderedManifest _manifest = null!;

    [OneTimeSetUp]
    public void RenderDefault() => _manifest = Scenario("default").Render();

    [Test]
    public void A_read_write_once_claim_is_created()
    {
        var claim = _manifest.Single("PersistentVolumeClaim");

        claim["metadata"]["name"].String.Should().Be($"{HelmChart.FullName}-data");
        claim["spec"]["accessModes"].Strings.Should().Equal("ReadWriteOnce");
        claim["spec"]["resources"]["requests"]["storage"].String.Should().Be("1Gi");
        claim["spec"]["storageClassName"].Exists.Should().BeFalse("empty means the cluster's default class");
    }

    [Test]
    public void The_claim_survives_uninstall_unless_told_otherwise()
    {
        _manifest.Single("PersistentVolumeClaim")["metadata"]["annotations"]["helm.sh/resource-policy"].String.Should().Be("keep");

        Scenario("default").Set("database.sqlite.persistence.keepOnUninstall", "false").Render()
            .Single("PersistentVolumeClaim")["metadata"]["annotations"].Exists.Should().BeFalse();
    }

    [TestCase("gp3", "gp3")]
    [TestCase("-", "")]
    public void The_storage_class_is_configurable(string value, string expected) =>
        Defaults().Set("database.sqlite.persistence.storageClass", value).Render()
            .Single("PersistentVolumeClaim")["spec"]["storageClassName"].String.Should().Be(expected);

    [Test]
    public void An_existing_claim_is_mounted_and_none_is_created()
    {
        var manifest = Scenario("existing-secret").Render();

        manifest.Has("PersistentVolumeClaim").Should().BeFalse();
        manifest.PodSpec["volumes"].Named("data")["persistentVolumeClaim"]["claimName"].String.Should().Be("admin-site-data-restored");
    }
}

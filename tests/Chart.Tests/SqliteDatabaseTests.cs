using Chart.Tests.Infrastructure;

namespace Chart.Tests;

/// <summary>SQLite: the file lives on a ReadWriteOnce PVC at /data and only one pod ever opens it.</summary>
[TestFixture]
public class SqliteDatabaseTests
{
    private RenderedManifest _manifest = null!;

    [OneTimeSetUp]
    public void RenderDefault() => _manifest = HelmChart.Scenario("default").Render();

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

        HelmChart.Scenario("default").Set("database.sqlite.persistence.keepOnUninstall", "false").Render()
            .Single("PersistentVolumeClaim")["metadata"]["annotations"].Exists.Should().BeFalse();
    }

    [Test]
    public void The_claim_is_mounted_at_data_in_the_migration_and_site_containers()
    {
        var claimName = _manifest.Single("PersistentVolumeClaim")["metadata"]["name"].String;
        var volume = _manifest.PodSpec["volumes"].Items.Should()
            .ContainSingle(v => v["persistentVolumeClaim"]["claimName"].Exists && v["persistentVolumeClaim"]["claimName"].String == claimName).Subject;

        foreach (var container in new[] { _manifest.MigrateContainer, _manifest.SiteContainer })
        {
            container["volumeMounts"].Named(volume["name"].String)["mountPath"].String.Should().Be("/data", container.Path);
        }
    }

    [Test]
    public void The_site_and_migrations_are_told_to_use_the_sqlite_file()
    {
        foreach (var container in new[] { _manifest.MigrateContainer, _manifest.SiteContainer })
        {
            var env = RenderedManifest.Env(container);
            env["Database__Provider"]["value"].String.Should().Be("Sqlite");
            env["Database__SqlitePath"]["value"].String.Should().Be("/data/admin-site.db");
            env.Should().NotContainKey("ConnectionStrings__PostgreSQL");
        }
    }

    [Test]
    public void The_old_pod_stops_before_the_new_one_starts()
    {
        var strategy = _manifest.Deployment["spec"]["strategy"];

        strategy["type"].String.Should().Be("Recreate");
        strategy["rollingUpdate"].Exists.Should().BeFalse();
    }

    [Test]
    public void No_disruption_budget_or_autoscaler_for_a_single_pod()
    {
        _manifest.Has("PodDisruptionBudget").Should().BeFalse();
        _manifest.Has("HorizontalPodAutoscaler").Should().BeFalse();
    }

    [TestCase("gp3", "gp3")]
    [TestCase("-", "")]
    public void The_storage_class_is_configurable(string value, string expected) =>
        HelmChart.Defaults().Set("database.sqlite.persistence.storageClass", value).Render()
            .Single("PersistentVolumeClaim")["spec"]["storageClassName"].String.Should().Be(expected);

    [Test]
    public void An_existing_claim_is_mounted_and_none_is_created()
    {
        var manifest = HelmChart.Scenario("existing-secret").Render();

        manifest.Has("PersistentVolumeClaim").Should().BeFalse();
        manifest.PodSpec["volumes"].Named("data")["persistentVolumeClaim"]["claimName"].String.Should().Be("admin-site-data-restored");
    }
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>SQLite: the file lives on a ReadWriteOnce PVC at /data and only one pod ever opens it.</summary>
public class SqliteDatabaseTests(Helm helm) : HelmFixture(helm)
{
    private RenderedManifest _manifest = null!;

    [OneTimeSetUp]
    public void RenderDefault() => _manifest = Scenario("default").Render();

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
}

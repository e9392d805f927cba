using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>PostgreSQL: the connection string comes from a Secret, no volume, zero-downtime rollouts.</summary>
public class PostgresqlDatabaseTests(Helm helm) : HelmFixture(helm)
{
    private RenderedManifest _manifest = null!;

    [OneTimeSetUp]
    public void RenderPostgresql() => _manifest = Scenario("postgresql").Render();

    [Test]
    public void Runs_the_requested_replicas() => _manifest.Deployment["spec"]["replicas"].Int.Should().Be(3);

    [Test]
    public void The_connection_string_comes_from_the_existing_secret_in_both_containers()
    {
        foreach (var container in new[] { _manifest.MigrateContainer, _manifest.SiteContainer })
        {
            var env = RenderedManifest.Env(container);
            env["Database__Provider"]["value"].String.Should().Be("PostgreSQL");
            var secretRef = env["ConnectionStrings__PostgreSQL"]["valueFrom"]["secretKeyRef"];
            secretRef["name"].String.Should().Be("admin-site-postgresql");
            secretRef["key"].String.Should().Be("connection-string");
            env["ConnectionStrings__PostgreSQL"]["value"].Exists.Should().BeFalse("the connection string never appears in the manifest");
            env.Should().NotContainKey("Database__SqlitePath");
        }
    }

    [Test]
    public void The_secret_key_defaults_to_connectionString()
    {
        var site = Scenario("autoscaling").Render().SiteContainer;

        RenderedManifest.Env(site)["ConnectionStrings__PostgreSQL"]["valueFrom"]["secretKeyRef"]["key"].String.Should().Be("connectionString");
    }

    [Test]
    public void No_volume_claim_and_no_data_mount()
    {
        _manifest.Has("PersistentVolumeClaim").Should().BeFalse();
        _manifest.PodSpec["volumes"].Names.Should().Equal("tmp");
        foreach (var container in new[] { _manifest.MigrateContainer, _manifest.SiteContainer })
        {
            container["volumeMounts"].Items.Select(m => m["mountPath"].String).Should().Equal("/tmp");
        }
    }

    [Test]
    public void Rolls_out_one_extra_pod_at_a_time_never_below_capacity()
    {
        var strategy = _manifest.Deployment["spec"]["strategy"];

        strategy["type"].String.Should().Be("RollingUpdate");
        strategy["rollingUpdate"]["maxUnavailable"].Int.Should().Be(0);
        strategy["rollingUpdate"]["maxSurge"].Int.Should().Be(1);
    }
}

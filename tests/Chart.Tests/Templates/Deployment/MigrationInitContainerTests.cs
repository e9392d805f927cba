using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>An init container runs the site's `migrate` command before the site starts.</summary>
public class MigrationInitContainerTests(Helm helm) : HelmFixture(helm)
{
    public static IEnumerable<string> Scenarios => RepositoryPaths.Scenarios();

    [TestCaseSource(nameof(Scenarios))]
    public void The_only_init_container_runs_migrate_with_the_site_image(string scenario)
    {
        var manifest = Scenario(scenario).Render();

        manifest.PodSpec["initContainers"].Names.Should().Equal("migrate");
        manifest.MigrateContainer["args"].Strings.Should().Equal("migrate");
        manifest.MigrateContainer["command"].Exists.Should().BeFalse("the image's entrypoint takes the command as its first argument");
        manifest.MigrateContainer["image"].String.Should().Be(manifest.SiteContainer["image"].String);
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Migrations_open_the_same_database_as_the_site(string scenario)
    {
        var manifest = Scenario(scenario).Render();
        var siteEnv = RenderedManifest.Env(manifest.SiteContainer);
        var migrateEnv = RenderedManifest.Env(manifest.MigrateContainer);

        migrateEnv.Keys.Where(IsDatabaseSetting).Should().NotBeEmpty().And.BeEquivalentTo(siteEnv.Keys.Where(IsDatabaseSetting));
        foreach (var name in migrateEnv.Keys.Where(IsDatabaseSetting))
        {
            migrateEnv[name].Canonical.Should().Be(siteEnv[name].Canonical, name);
        }
    }

    [TestCaseSource(nameof(Scenarios))]
    public void The_site_leaves_migrating_to_the_init_container(string scenario)
    {
        var siteEnv = RenderedManifest.Env(Scenario(scenario).Render().SiteContainer);

        siteEnv["Database__MigrateOnStartup"]["value"].String.Should().Be("false");
    }

    [Test]
    public void Migrations_never_see_the_admin_password()
    {
        var migrateEnv = RenderedManifest.Env(Defaults().Render().MigrateContainer);

        migrateEnv.Keys.Should().NotContain(name => name.StartsWith("Bootstrap__", StringComparison.Ordinal));
    }

    private static bool IsDatabaseSetting(string name) =>
        name.StartsWith("Database__", StringComparison.Ordinal) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal);
}

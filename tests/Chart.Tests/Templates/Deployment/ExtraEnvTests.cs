using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>extraEnv adds settings of the site, but cannot silently override the chart's.</summary>
public class ExtraEnvTests(Helm helm) : HelmFixture(helm)
{
    public static IEnumerable<string> Scenarios => RepositoryPaths.Scenarios();

    [Test]
    public void Extra_variables_come_after_the_chart_settings()
    {
        var names = Scenario("postgresql").Render().SiteContainer["env"].Names;

        names[^1].Should().Be("Security__RequireTwoFactorForSuperusers");
        names.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Value_from_references_pass_through()
    {
        var env = RenderedManifest.Env(Defaults()
            .SetJson("extraEnv", """[{"name":"Smtp__Password","valueFrom":{"secretKeyRef":{"name":"smtp","key":"password"}}}]""")
            .Render().SiteContainer);

        env["Smtp__Password"]["valueFrom"]["secretKeyRef"]["name"].String.Should().Be("smtp");
    }

    [TestCase("Database__Provider")]
    [TestCase("Database__MigrateOnStartup")]
    [TestCase("Bootstrap__AdminPassword")]
    [TestCase("DOTNET_SHUTDOWNTIMEOUTSECONDS")]
    public void A_variable_the_chart_sets_is_refused(string name)
    {
        var error = Defaults().SetJson("extraEnv", $$"""[{"name":"{{name}}","value":"x"}]""").RenderError();

        error.Should().Contain($"extraEnv: {name} is set by the chart");
    }

    [Test]
    public void Value_and_value_from_together_are_refused()
    {
        var error = Defaults()
            .SetJson("extraEnv", """[{"name":"A","value":"b","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]""").RenderError();

        error.Should().Contain(Helm.SchemaField("extraEnv.0"));
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Every_env_value_is_a_yaml_string(string scenario)
    {
        var manifest = Scenario(scenario).Render();

        foreach (var variable in manifest.SiteContainer["env"].Items.Concat(manifest.MigrateContainer["env"].Items).Where(v => v["value"].Exists))
        {
            variable["value"].IsStringScalar.Should().BeTrue($"Kubernetes rejects non-string env values: {variable}");
        }
    }
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>The image is referenced by digest whenever one is given; a tag is only the fallback.</summary>
public class ImageReferenceTests(Helm helm) : HelmFixture(helm)
{
    private const string EcrRepository = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/admin-site";
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Test]
    public void Default_scenario_uses_repository_at_digest_in_every_container()
    {
        var manifest = Scenario("default").Render();

        ImagesOf(manifest).Should().OnlyContain(image => image == $"{EcrRepository}@{Digest}").And.HaveCount(3);
    }

    [Test]
    public void The_deploy_command_line_values_give_exactly_repository_at_digest()
    {
        const string digest = "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
        var manifest = Defaults().Set("image.repository", "localhost:5000/admin-site").Set("image.digest", digest).Render();

        manifest.SiteContainer["image"].String.Should().Be($"localhost:5000/admin-site@{digest}");
    }

    [Test]
    public void A_digest_wins_over_a_tag()
    {
        var manifest = Scenario("default").Set("image.tag", "1.2.3").Render();

        manifest.SiteContainer["image"].String.Should().Be($"{EcrRepository}@{Digest}");
    }

    [Test]
    public void Without_a_digest_the_tag_is_used()
    {
        var manifest = Scenario("tag-fallback").Render();

        ImagesOf(manifest).Should().OnlyContain(image => image == "registry.example.com:5000/team/admin-site:2024.06.1");
    }

    [Test]
    public void Without_digest_or_tag_the_chart_app_version_is_the_tag()
    {
        var manifest = Defaults().Render();

        manifest.SiteContainer["image"].String.Should().Be($"admin-site:{ChartAppVersion()}");
    }

    [Test]
    public void Rendering_fails_when_there_is_no_digest_no_tag_and_no_app_version()
    {
        using var chart = ChartCopy.Create().Edit("Chart.yaml", yaml => RemoveLine(yaml, "appVersion:"));

        var error = Defaults().InChart(chart.Directory).RenderError();

        error.Should().Contain("set image.digest").And.Contain("image.tag");
    }

    [Test]
    public void Rendering_fails_when_the_repository_is_empty_even_past_the_schema()
    {
        var error = Scenario("default").Set("image.repository", "").SkipSchemaValidation().RenderError();

        error.Should().Contain("image.repository is required");
    }

    [Test]
    public void The_pull_policy_is_applied_to_every_container()
    {
        var manifest = Scenario("default").Set("image.pullPolicy", "Always").Render();

        new[] { manifest.SiteContainer, manifest.MigrateContainer, manifest.TestPod["spec"]["containers"][0] }
            .Select(container => container["imagePullPolicy"].String).Should().AllBe("Always");
    }

    private static IEnumerable<string> ImagesOf(RenderedManifest manifest) =>
    [
        manifest.SiteContainer["image"].String,
        manifest.MigrateContainer["image"].String,
        manifest.TestPod["spec"]["containers"][0]["image"].String,
    ];

    private static string ChartAppVersion() =>
        File.ReadLines(Path.Combine(RepositoryPaths.Chart, "Chart.yaml"))
            .Single(line => line.StartsWith("appVersion:", StringComparison.Ordinal))["appVersion:".Length..].Trim().Trim('"');

    private static string RemoveLine(string yaml, string prefix) =>
        string.Join('\n', yaml.Split('\n').Where(line => !line.StartsWith(prefix, StringComparison.Ordinal)));
}

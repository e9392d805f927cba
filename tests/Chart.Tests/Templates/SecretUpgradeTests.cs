using System.Text;
using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// An upgrade keeps the generated admin password: rendered against a (fake) cluster that already holds the
/// release's bootstrap Secret, the chart reuses its password through <c>lookup</c> instead of generating one.
/// </summary>
public class SecretUpgradeTests(Helm helm) : HelmFixture(helm)
{
    private const string SecretName = $"{HelmChart.FullName}-bootstrap-admin";
    private const string SecretPath = $"/api/v1/namespaces/{HelmChart.Namespace}/secrets/{SecretName}";

    private FakeKubernetesApi _cluster = null!;

    [SetUp]
    public void StartCluster() => _cluster = new FakeKubernetesApi();

    [TearDown]
    public void StopCluster() => _cluster.Dispose();

    [Test]
    public void An_upgrade_reuses_the_password_of_the_live_secret()
    {
        _cluster.AddSecret(HelmChart.Namespace, SecretName, HelmChart.ReleaseName, new Dictionary<string, string>
        {
            ["username"] = "admin", ["email"] = "admin@example.com", ["password"] = "Kept-From-First-Install-1",
        });

        var secret = RenderAgainstCluster(Defaults());

        Decode(secret, "password").Should().Be("Kept-From-First-Install-1");
        _cluster.Requests.Should().Contain(SecretPath);
    }

    [Test]
    public void A_first_install_generates_a_password_when_no_secret_exists()
    {
        var secret = RenderAgainstCluster(Defaults());

        Decode(secret, "password").Should().MatchRegex("^[A-Za-z0-9]{24}$");
        _cluster.Requests.Should().Contain(SecretPath, "the chart looked for a live Secret first");
    }

    [Test]
    public void A_password_set_in_values_wins_over_the_live_secret()
    {
        _cluster.AddSecret(HelmChart.Namespace, SecretName, HelmChart.ReleaseName, new Dictionary<string, string> { ["password"] = "Old-Password-1" });

        var secret = RenderAgainstCluster(Defaults().Set("bootstrapAdmin.password", "New-Password-2"));

        Decode(secret, "password").Should().Be("New-Password-2");
    }

    private Node RenderAgainstCluster(HelmChart chart)
    {
        var result = Helm.Run(
            ["template", HelmChart.ReleaseName, chart.ChartDirectory, "--namespace", HelmChart.Namespace,
             .. chart.ValueArguments, "--dry-run=server", "--show-only", "templates/secret.yaml",
             // Helm 4 validates what it renders against the server's OpenAPI documents, which the fake API does not serve.
             "--disable-openapi-validation"],
            _cluster.HelmEnvironment);
        result.Succeeded.Should().BeTrue(result.ToString());
        return RenderedManifest.Parse(result.StdOut).Single("Secret");
    }

    private static string Decode(Node secret, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"][key].String));
}

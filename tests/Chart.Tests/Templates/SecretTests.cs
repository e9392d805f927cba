using System.Text;
using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>The bootstrap admin's Secret: created with a generated (or given) password, kept on uninstall, or none.</summary>
public class SecretTests(Helm helm) : HelmFixture(helm)
{
    private const string ChartSecret = $"{HelmChart.FullName}-bootstrap-admin";

    [Test]
    public void The_chart_creates_a_secret_with_a_generated_password()
    {
        var secret = Defaults().Render().Single("Secret");

        secret["metadata"]["name"].String.Should().Be(ChartSecret);
        Decode(secret, "username").Should().Be("admin");
        Decode(secret, "email").Should().Be("admin@example.com");
        Decode(secret, "password").Should().MatchRegex("^[A-Za-z0-9]{24}$");
    }

    [Test]
    public void The_created_secret_outlives_the_release_like_the_database()
    {
        var secret = Defaults().Render().Single("Secret");

        secret["metadata"]["annotations"]["helm.sh/resource-policy"].String.Should().Be("keep");
        Defaults().Set("bootstrapAdmin.keepOnUninstall", "false").Render()
            .Single("Secret")["metadata"]["annotations"].Exists.Should().BeFalse();
    }

    [Test]
    public void A_password_given_in_values_is_used()
    {
        var secret = Defaults().Set("bootstrapAdmin.password", "Corr3ct-Horse").Set("bootstrapAdmin.userName", "root").Render().Single("Secret");

        Decode(secret, "password").Should().Be("Corr3ct-Horse");
        Decode(secret, "username").Should().Be("root");
    }

    [Test]
    public void The_email_may_be_left_empty() =>
        Decode(Defaults().Set("bootstrapAdmin.email", "").Render().Single("Secret"), "email").Should().BeEmpty();

    private static string Decode(Node secret, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"][key].String));
}

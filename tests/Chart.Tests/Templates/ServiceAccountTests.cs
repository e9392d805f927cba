using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>The pods run as their own ServiceAccount (IRSA-ready) without an API token, or as an existing one.</summary>
public class ServiceAccountTests(Helm helm) : HelmFixture(helm)
{
    private RenderedManifest _manifest = null!;

    [OneTimeSetUp]
    public void RenderDefaults() => _manifest = Defaults().Render();

    [Test]
    public void Pods_run_as_a_dedicated_service_account_without_an_api_token()
    {
        var account = _manifest.Single("ServiceAccount");

        _manifest.PodSpec["serviceAccountName"].String.Should().Be(account["metadata"]["name"].String);
        _manifest.PodSpec["automountServiceAccountToken"].Bool.Should().BeFalse();
        account["automountServiceAccountToken"].Bool.Should().BeFalse();
    }

    [Test]
    public void An_existing_service_account_is_used_and_none_is_created()
    {
        var manifest = Scenario("existing-secret").Render();

        manifest.Has("ServiceAccount").Should().BeFalse();
        manifest.PodSpec["serviceAccountName"].String.Should().Be("admin-site-irsa");
        manifest.PodSpec["imagePullSecrets"].Names.Should().Equal("registry-credentials");
    }

    [Test]
    public void Service_account_annotations_support_irsa()
    {
        const string role = "arn:aws:iam::123456789012:role/admin-site";
        var manifest = Defaults().Set("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", role).Render();

        manifest.Single("ServiceAccount")["metadata"]["annotations"]["eks.amazonaws.com/role-arn"].String.Should().Be(role);
    }
}

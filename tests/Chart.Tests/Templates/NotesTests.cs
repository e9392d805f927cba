using System.Text.Json;
using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>
/// NOTES.txt tells how to reach the site for each exposure and how to read the bootstrap admin's password. `helm template`
/// does not render NOTES.txt, so a copy of the chart renders it through <c>tpl</c> into a document.
/// </summary>
public class NotesTests(Helm helm) : HelmFixture(helm)
{
    private ChartCopy _chart = null!;

    [OneTimeSetUp]
    public void MakeNotesRenderable()
    {
        _chart = ChartCopy.Create();
        _chart.Write("notes-under-test.txt", File.ReadAllText(Path.Combine(RepositoryPaths.Chart, "templates", "NOTES.txt")));
        _chart.Write(Path.Combine("templates", "notes-under-test.yaml"), """notes: {{ tpl (.Files.Get "notes-under-test.txt") . | toJson }}""");
    }

    [OneTimeTearDown]
    public void RemoveCopy() => _chart.Dispose();

    [Test]
    public void Behind_the_alb_tells_how_to_find_its_address_and_to_open_https()
    {
        var notes = Notes(Scenario("alb-tls"));

        notes.Should().Contain($"kubectl get ingress {HelmChart.FullName} --namespace {HelmChart.Namespace}")
            .And.Contain("{.status.loadBalancer.ingress[0].hostname}")
            .And.Contain("An ALB with HTTPS (internal: reachable from the VPC and the networks routed to it)")
            .And.Contain("https://<that name>/")
            .And.NotContain("http://");
    }

    [Test]
    public void With_a_host_names_the_https_address_and_the_source_ranges()
    {
        var notes = Notes(Scenario("alb-internet-facing"));

        notes.Should().Contain("(internet-facing; only clients in 198.51.100.0/24, 203.0.113.16/28)")
            .And.Contain("https://admin.example.com/");
    }

    [Test]
    public void Without_a_certificate_says_which_value_turns_the_alb_on_and_how_to_reach_the_site_meanwhile()
    {
        var notes = Notes(Scenario("default"));

        notes.Should().Contain("exposure.alb.certificateArn=arn:aws:acm:<region>:<account>:certificate/<id>")
            .And.Contain($"kubectl port-forward service/{HelmChart.FullName}")
            .And.NotContain("kubectl get ingress");
    }

    [Test]
    public void A_plain_load_balancer_says_it_is_plain_http_and_how_to_find_its_hostname()
    {
        var notes = Notes(Scenario("public-load-balancer"));

        notes.Should().Contain($"kubectl get service {HelmChart.FullName} --namespace {HelmChart.Namespace}")
            .And.Contain("{.status.loadBalancer.ingress[0].hostname}")
            .And.Contain("A load balancer with plain HTTP (internet-facing)")
            .And.Contain("passwords and session cookies cross the network unencrypted")
            .And.Contain("http://<that address>/");
    }

    [Test]
    public void Names_the_version_and_where_the_metrics_are()
    {
        var notes = Notes(Scenario("default").Set("image.version", "2.0.0"));

        notes.Should().Contain($"admin-site 2.0.0 is deployed as release {HelmChart.ReleaseName}")
            .And.Contain($"kubectl port-forward deployment/{HelmChart.FullName} --namespace {HelmChart.Namespace} 9090")
            .And.Contain("curl 127.0.0.1:9090/metrics");
        Notes(Scenario("default").Set("metrics.enabled", "false")).Should().NotContain("/metrics");
    }

    [Test]
    public void Tells_how_to_read_the_generated_admin_password()
    {
        var notes = Notes(Scenario("default"));

        notes.Should().Contain($"kubectl get secret {HelmChart.FullName}-bootstrap-admin --namespace {HelmChart.Namespace} --output jsonpath='{{.data.password}}' | base64 --decode");
    }

    [Test]
    public void Uses_the_existing_secret_and_its_keys()
    {
        var notes = Notes(Scenario("existing-secret"));

        notes.Should().Contain("kubectl get secret admin-site-bootstrap").And.Contain("{.data.admin-password}");
    }

    [Test]
    public void Escapes_dots_in_secret_keys_for_jsonpath()
    {
        var notes = Notes(Scenario("existing-secret").Set("bootstrapAdmin.existingSecretKeys.password", "admin.password"));

        notes.Should().Contain(@"{.data.admin\.password}");
    }

    [Test]
    public void Suggests_port_forward_for_a_cluster_ip_service()
    {
        var notes = Notes(Scenario("exec-prestop"));

        notes.Should().Contain("exposure.type=clusterIP").And.Contain($"kubectl port-forward service/{HelmChart.FullName}")
            .And.NotContain("loadBalancer.ingress").And.NotContain("certificateArn");
    }

    [Test]
    public void Shows_the_image_reference_and_the_helm_test_command()
    {
        var notes = Notes(Scenario("default"));

        notes.Should().Contain("@sha256:0123456789abcdef").And.Contain($"helm test {HelmChart.ReleaseName} --namespace {HelmChart.Namespace}");
    }

    private string Notes(HelmChart chart)
    {
        var result = chart.InChart(_chart.Directory).Template("--show-only", "templates/notes-under-test.yaml");
        result.Succeeded.Should().BeTrue(result.ToString());
        var document = RenderedManifest.Parse(result.StdOut).Resources.Should().ContainSingle().Subject;
        return document["notes"].String;
    }
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Values;

/// <summary>
/// values.schema.json rejects bad values before anything renders, and says which field is wrong: both
/// `helm template` (stderr) and `helm lint --strict` fail and name the offending field.
/// </summary>
public class SchemaRejectionTests(Helm helm) : HelmFixture(helm)
{
    private const string Hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static IEnumerable<TestCaseData> BadValues()
    {
        // Malformed digests.
        yield return Case("digest too short", c => c.Set("image.digest", "sha256:abc"), "image.digest");
        yield return Case("digest in uppercase hex", c => c.Set("image.digest", "sha256:" + Hex64.ToUpperInvariant()), "image.digest");
        yield return Case("digest without sha256: prefix", c => c.Set("image.digest", Hex64), "image.digest");
        yield return Case("digest with another algorithm", c => c.Set("image.digest", "sha512:" + Hex64), "image.digest");
        yield return Case("digest with 65 hex digits", c => c.Set("image.digest", $"sha256:{Hex64}0"), "image.digest");
        yield return Case("repository carrying a tag", c => c.Set("image.repository", "admin-site:latest"), "image.repository");
        yield return Case("repository carrying a digest", c => c.Set("image.repository", $"admin-site@sha256:{Hex64}"), "image.repository");
        yield return Case("tag with a slash", c => c.Set("image.tag", "feature/x"), "image.tag");

        // Unknown keys in closed objects (typos must not be silently ignored).
        yield return Case("unknown top-level key", c => c.Set("replicas", "2"), "replicas");
        yield return Case("unknown key in image", c => c.Set("image.digests", "x"), "digests");
        yield return Case("unknown key in service", c => c.Set("service.targetPort", "8080"), "targetPort");
        yield return Case("unknown key in exposure.alb", c => c.Set("exposure.alb.certificate", "arn"), "certificate");
        yield return Case("unknown key in database", c => c.Set("database.mysql", "x"), "mysql");
        yield return Case("unknown key in persistence", c => c.Set("database.sqlite.persistence.sise", "2Gi"), "sise");
        yield return Case("unknown key in bootstrapAdmin", c => c.Set("bootstrapAdmin.passwd", "x"), "passwd");
        yield return Case("unknown key in a probe", c => c.Set("livenessProbe.url", "/x"), "url");
        yield return Case("unknown key in a probe handler", c => c.Set("livenessProbe.httpGet.paht", "/x"), "paht");
        yield return Case("unknown key in gracefulShutdown", c => c.Set("gracefulShutdown.sleep", "5"), "sleep");
        yield return Case("unknown key in autoscaling", c => c.Set("autoscaling.targetMemory", "80"), "targetMemory");
        yield return Case("unknown key in resources", c => c.Set("resources.request.cpu", "1"), "request");
        yield return Case("unknown key in an extraEnv item", c => c.SetJson("extraEnv", """[{"name":"A","vaule":"b"}]"""), "vaule");

        // Wrong types and values.
        yield return Case("replicaCount as text", c => c.Set("replicaCount", "two"), "replicaCount");
        yield return Case("negative replicaCount", c => c.Set("replicaCount", "-1"), "replicaCount");
        yield return Case("service.port as text", c => c.Set("service.port", "http"), "service.port");
        yield return Case("exposure.type unknown", c => c.Set("exposure.type", "NodePort"), "exposure.type");
        yield return Case("the seed's service.type", c => c.Set("service.type", "LoadBalancer"), "type");
        yield return Case("certificate that is not an ACM ARN", c => c.Set("exposure.alb.certificateArn", "arn:aws:iam::123456789012:server-certificate/x"), "exposure.alb.certificateArn");
        yield return Case("no ALB network to trust", c => c.SetJson("exposure.alb.vpcCidrs", "[]"), "exposure.alb.vpcCidrs");
        yield return Case("ALB network not a CIDR", c => c.Set("exposure.alb.vpcCidrs[0]", "10.0.0.0"), "exposure.alb.vpcCidrs.0");
        yield return Case("source range not a CIDR", c => c.Set("exposure.sourceRanges[0]", "office"), "exposure.sourceRanges.0");
        yield return Case("internetFacing as text", c => c.Set("exposure.internetFacing", "yes"), "exposure.internetFacing");
        yield return Case("ALB host not a DNS name", c => c.Set("exposure.alb.host", "https://admin.example.com/"), "exposure.alb.host");
        yield return Case("autoscaling.enabled as text", c => c.Set("autoscaling.enabled", "yes"), "autoscaling.enabled");
        yield return Case("database.provider unknown", c => c.Set("database.provider", "mysql"), "database.provider");
        yield return Case("extraEnv not a list", c => c.Set("extraEnv", "A=b"), "extraEnv");
        yield return Case("extraEnv value not a string", c => c.SetJson("extraEnv", """[{"name":"A","value":1}]"""), "extraEnv.0.value");
        yield return Case("extraEnv item without a name", c => c.SetJson("extraEnv", """[{"value":"b"}]"""), "name");
        yield return Case("podAnnotations value not a string", c => c.SetJson("podAnnotations", """{"a":1}"""), "podAnnotations");
        yield return Case("probe path not absolute", c => c.Set("readinessProbe.path", "readyz"), "readinessProbe.path");
        yield return Case("probe grace period zero", c => c.Set("livenessProbe.terminationGracePeriodSeconds", "0"), "terminationGracePeriodSeconds");
        yield return Case("PVC size not a quantity", c => c.Set("database.sqlite.persistence.size", "lots"), "size");
        yield return Case("unknown pull policy", c => c.Set("image.pullPolicy", "Sometimes"), "image.pullPolicy");
        yield return Case("unknown preStop mode", c => c.Set("gracefulShutdown.preStop", "wait"), "gracefulShutdown.preStop");
        yield return Case("unknown whenUnsatisfiable", c => c.Set("topologySpread.whenUnsatisfiable", "Maybe"), "whenUnsatisfiable");
        yield return Case("bootstrap email not an email", c => c.Set("bootstrapAdmin.email", "admin"), "bootstrapAdmin.email");
        yield return Case("bootstrap password shorter than the site's policy", c => c.Set("bootstrapAdmin.password", "short"), "bootstrapAdmin.password");
        yield return Case("PDB maxUnavailable zero", c => c.Set("podDisruptionBudget.maxUnavailable", "0"), "maxUnavailable");

        // Metrics, monitoring and the network policy.
        yield return Case("image.version with a v", c => c.Set("image.version", "v1.2.0"), "image.version");
        yield return Case("image.version with build metadata", c => c.Set("image.version", "1.2.0+abc"), "image.version");
        yield return Case("metrics port as text", c => c.Set("metrics.port", "metrics"), "metrics.port");
        yield return Case("metrics port on the site's port", c => c.Set("metrics.port", "8080"), "metrics.port");
        yield return Case("unknown key in metrics", c => c.Set("metrics.path", "/m"), "path");
        yield return Case("scrape interval without a unit", c => c.Set("metrics.serviceMonitor.interval", "30"), "metrics.serviceMonitor.interval");
        yield return Case("network policy peer with a typo", c => c.SetJson("networkPolicy.metrics.from", """[{"namespaceSelecter":{}}]"""), "namespaceSelecter");
        yield return Case("network policy CIDR without a prefix", c => c.SetJson("networkPolicy.http.from", """[{"ipBlock":{"cidr":"10.0.0.0"}}]"""), "cidr");
        yield return Case("network policy peers not a list", c => c.Set("networkPolicy.http.from", "10.0.0.0/8"), "networkPolicy.http.from");

        // Scale-out only on PostgreSQL.
        yield return Case("3 replicas on SQLite", c => c.Set("replicaCount", "3"), "replicaCount");
        yield return Case("autoscaling on SQLite", c => c.Set("autoscaling.enabled", "true"), "autoscaling.enabled");
        yield return Case("PostgreSQL without its Secret", c => c.Set("database.provider", "postgresql"), "database.postgresql.existingSecret");
    }

    [TestCaseSource(nameof(BadValues))]
    public void Helm_template_rejects_it_naming_the_field(Func<HelmChart, HelmChart> values, string field)
    {
        var error = values(Scenario("default")).RenderError();

        error.Should().Contain("values don't meet the specifications of the schema").And.Contain(Field(field));
    }

    [TestCaseSource(nameof(BadValues))]
    public void Helm_lint_rejects_it_naming_the_field(Func<HelmChart, HelmChart> values, string field)
    {
        var result = values(Scenario("default")).Lint();

        result.Succeeded.Should().BeFalse(result.ToString());
        result.StdOut.Should().Contain(Field(field));
    }

    [Test]
    public void The_good_values_these_cases_start_from_are_accepted() =>
        Scenario("default").Template().Succeeded.Should().BeTrue();

    [Test]
    public void Replica_rule_error_names_both_fields()
    {
        var error = Scenario("default").Set("replicaCount", "3").RenderError();

        error.Should().Contain("replicaCount").And.Contain(Helm.SchemaField("database.provider"));
    }

    /// <summary>A dotted path as this helm's schema errors spell it; a bare key (an unknown one) reads the same in both.</summary>
    private string Field(string field) => field.Contains('.', StringComparison.Ordinal) ? Helm.SchemaField(field) : field;

    private static TestCaseData Case(string name, Func<HelmChart, HelmChart> values, string field) =>
        new TestCaseData(values, field).SetArgDisplayNames(name);
}

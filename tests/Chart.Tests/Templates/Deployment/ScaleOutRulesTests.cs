using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>
/// Several replicas or autoscaling only on PostgreSQL, refused by the schema and again by the templates (past
/// --skip-schema-validation); autoscaling bounds ordered and measured against a CPU request.
/// </summary>
[TestFixture]
public class ScaleOutRulesTests
{
    [Test]
    public void The_schema_refuses_several_replicas_on_sqlite()
    {
        var error = HelmChart.Scenario("default").Set("replicaCount", "3").RenderError();

        error.Should().Contain("replicaCount: Must be less than or equal to 1");
    }

    [Test]
    public void The_template_refuses_several_replicas_on_sqlite_past_the_schema()
    {
        var error = HelmChart.Scenario("default").Set("replicaCount", "3").SkipSchemaValidation().RenderError();

        error.Should().Contain("replicaCount=3 requires database.provider=postgresql");
    }

    [Test]
    public void The_template_refuses_autoscaling_on_sqlite_past_the_schema()
    {
        var error = HelmChart.Scenario("default").Set("autoscaling.enabled", "true").SkipSchemaValidation().RenderError();

        error.Should().Contain("autoscaling.enabled requires database.provider=postgresql");
    }

    [Test]
    public void The_template_refuses_postgresql_without_its_secret_past_the_schema()
    {
        var error = HelmChart.Scenario("default").Set("database.provider", "postgresql").SkipSchemaValidation().RenderError();

        error.Should().Contain("database.postgresql.existingSecret is required");
    }

    [Test]
    public void Autoscaling_bounds_must_be_ordered()
    {
        var error = HelmChart.Scenario("autoscaling").Set("autoscaling.minReplicas", "8").RenderError();

        error.Should().Contain("autoscaling.minReplicas (8) must not exceed autoscaling.maxReplicas (6)");
    }

    [Test]
    public void Autoscaling_on_cpu_needs_a_cpu_request()
    {
        var error = HelmChart.Scenario("autoscaling").Set("resources.requests", "null").RenderError();

        error.Should().Contain("autoscaling.enabled needs resources.requests.cpu");
    }
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>
/// Several replicas or autoscaling only on PostgreSQL, refused by the schema and again by the templates (past
/// --skip-schema-validation); autoscaling bounds ordered and measured against a CPU request.
/// </summary>
public class ScaleOutRulesTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void The_schema_refuses_several_replicas_on_sqlite()
    {
        var error = Scenario("default").Set("replicaCount", "3").RenderError();

        error.Should().Contain(Helm.Major == 3 ? "replicaCount: Must be less than or equal to 1" : "at '/replicaCount': maximum: got 3, want 1");
    }

    [Test]
    public void The_template_refuses_several_replicas_on_sqlite_past_the_schema()
    {
        var error = Scenario("default").Set("replicaCount", "3").SkipSchemaValidation().RenderError();

        error.Should().Contain("replicaCount=3 requires database.provider=postgresql");
    }

    [Test]
    public void The_template_refuses_autoscaling_on_sqlite_past_the_schema()
    {
        var error = Scenario("default").Set("autoscaling.enabled", "true").SkipSchemaValidation().RenderError();

        error.Should().Contain("autoscaling.enabled requires database.provider=postgresql");
    }

    [Test]
    public void The_template_refuses_postgresql_without_its_secret_past_the_schema()
    {
        var error = Scenario("default").Set("database.provider", "postgresql").SkipSchemaValidation().RenderError();

        error.Should().Contain("database.postgresql.existingSecret is required");
    }

    [Test]
    public void Autoscaling_bounds_must_be_ordered()
    {
        var error = Scenario("autoscaling").Set("autoscaling.minReplicas", "8").RenderError();

        error.Should().Contain("autoscaling.minReplicas (8) must not exceed autoscaling.maxReplicas (6)");
    }

    [Test]
    public void Autoscaling_on_cpu_needs_a_cpu_request()
    {
        var error = Scenario("autoscaling").Set("resources.requests", "null").RenderError();

        error.Should().Contain("autoscaling.enabled needs resources.requests.cpu");
    }
}

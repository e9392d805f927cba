using Chart.Tests.Infrastructure;

namespace Chart.Tests;

/// <summary>
/// Several replicas only on PostgreSQL (schema and template both refuse SQLite), with a
/// PodDisruptionBudget whenever more than one pod can run and an optional HorizontalPodAutoscaler.
/// </summary>
[TestFixture]
public class ScaleOutTests
{
    [Test]
    public void Several_replicas_get_a_disruption_budget_selecting_the_site_pods()
    {
        var manifest = HelmChart.Scenario("postgresql").Render();
        var budget = manifest.Single("PodDisruptionBudget");

        budget["spec"]["maxUnavailable"].Int.Should().Be(1);
        budget["spec"]["selector"]["matchLabels"].StringMap.Should().Equal(manifest.Deployment["spec"]["selector"]["matchLabels"].StringMap);
        manifest.Has("HorizontalPodAutoscaler").Should().BeFalse();
    }

    [Test]
    public void One_replica_on_postgresql_gets_no_disruption_budget() =>
        HelmChart.Scenario("postgresql").Set("replicaCount", "1").Render().Has("PodDisruptionBudget").Should().BeFalse();

    [Test]
    public void The_disruption_budget_can_be_switched_off() =>
        HelmChart.Scenario("postgresql").Set("podDisruptionBudget.enabled", "false").Render().Has("PodDisruptionBudget").Should().BeFalse();

    [Test]
    public void Autoscaling_creates_an_autoscaler_for_the_deployment_and_leaves_replicas_to_it()
    {
        var manifest = HelmChart.Scenario("autoscaling").Render();
        var autoscaler = manifest.Single("HorizontalPodAutoscaler");

        autoscaler["apiVersion"].String.Should().Be("autoscaling/v2");
        autoscaler["spec"]["scaleTargetRef"]["kind"].String.Should().Be("Deployment");
        autoscaler["spec"]["scaleTargetRef"]["name"].String.Should().Be(manifest.Deployment["metadata"]["name"].String);
        autoscaler["spec"]["minReplicas"].Int.Should().Be(2);
        autoscaler["spec"]["maxReplicas"].Int.Should().Be(6);
        var metric = autoscaler["spec"]["metrics"].Items.Should().ContainSingle().Subject;
        metric["resource"]["name"].String.Should().Be("cpu");
        metric["resource"]["target"]["averageUtilization"].Int.Should().Be(60);
        manifest.Deployment["spec"]["replicas"].Exists.Should().BeFalse("a helm upgrade must not reset what the autoscaler chose");
    }

    [Test]
    public void Autoscaling_gets_a_disruption_budget_even_with_replicaCount_1()
    {
        var budget = HelmChart.Scenario("autoscaling").Render().Single("PodDisruptionBudget");

        budget["spec"]["maxUnavailable"].String.Should().Be("25%");
    }

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

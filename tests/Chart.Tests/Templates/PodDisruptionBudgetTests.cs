using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>A PodDisruptionBudget selecting the site pods whenever more than one pod can run, never for a single pod.</summary>
public class PodDisruptionBudgetTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void Several_replicas_get_a_disruption_budget_selecting_the_site_pods()
    {
        var manifest = Scenario("postgresql").Render();
        var budget = manifest.Single("PodDisruptionBudget");

        budget["spec"]["maxUnavailable"].Int.Should().Be(1);
        budget["spec"]["selector"]["matchLabels"].StringMap.Should().Equal(manifest.Deployment["spec"]["selector"]["matchLabels"].StringMap);
        manifest.Has("HorizontalPodAutoscaler").Should().BeFalse();
    }

    [Test]
    public void One_replica_on_postgresql_gets_no_disruption_budget() =>
        Scenario("postgresql").Set("replicaCount", "1").Render().Has("PodDisruptionBudget").Should().BeFalse();

    [Test]
    public void The_disruption_budget_can_be_switched_off() =>
        Scenario("postgresql").Set("podDisruptionBudget.enabled", "false").Render().Has("PodDisruptionBudget").Should().BeFalse();

    [Test]
    public void Autoscaling_gets_a_disruption_budget_even_with_replicaCount_1()
    {
        var budget = Scenario("autoscaling").Render().Single("PodDisruptionBudget");

        budget["spec"]["maxUnavailable"].String.Should().Be("25%");
    }

    [Test]
    public void No_disruption_budget_or_autoscaler_for_a_single_pod()
    {
        var manifest = Scenario("default").Render();

        manifest.Has("PodDisruptionBudget").Should().BeFalse();
        manifest.Has("HorizontalPodAutoscaler").Should().BeFalse();
    }
}

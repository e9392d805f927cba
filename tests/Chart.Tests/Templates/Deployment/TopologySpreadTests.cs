using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>Pods spread over zones, then nodes; preferred by default, required when asked.</summary>
public class TopologySpreadTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void Pods_spread_over_zones_and_nodes_preferably()
    {
        var manifest = Defaults().Render();
        var constraints = manifest.PodSpec["topologySpreadConstraints"].Items;
        var selector = manifest.Deployment["spec"]["selector"]["matchLabels"].StringMap;

        constraints.Select(c => c["topologyKey"].String).Should().Equal("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        foreach (var constraint in constraints)
        {
            constraint["whenUnsatisfiable"].String.Should().Be("ScheduleAnyway");
            constraint["maxSkew"].Int.Should().Be(1);
            constraint["labelSelector"]["matchLabels"].StringMap.Should().Equal(selector);
            constraint["matchLabelKeys"].Strings.Should().Equal("pod-template-hash");
        }
    }

    [Test]
    public void Spreading_can_be_required() =>
        Scenario("postgresql").Render().PodSpec["topologySpreadConstraints"].Items
            .Select(c => c["whenUnsatisfiable"].String).Should().AllBe("DoNotSchedule");

    [Test]
    public void Spreading_can_be_switched_off() =>
        Scenario("exec-prestop").Render().PodSpec["topologySpreadConstraints"].Exists.Should().BeFalse();
}

using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates;

/// <summary>The optional HorizontalPodAutoscaler (PostgreSQL only) scales the Deployment on CPU.</summary>
public class HpaTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void Autoscaling_creates_an_autoscaler_for_the_deployment_and_leaves_replicas_to_it()
    {
        var manifest = Scenario("autoscaling").Render();
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
}

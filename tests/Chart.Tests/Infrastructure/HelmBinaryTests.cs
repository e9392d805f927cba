namespace Chart.Tests.Infrastructure;

/// <summary>Each fixture runs the major it is named for: a HELM4_PATH pointing at a Helm 3 fails here.</summary>
public class HelmBinaryTests(Helm helm) : HelmFixture(helm)
{
    [Test]
    public void The_binary_is_the_major_the_fixture_runs()
    {
        var result = Helm.Run("version", "--template", "{{ .Version }}");

        result.Succeeded.Should().BeTrue(result.ToString());
        result.StdOut.Should().StartWith($"v{Helm.Major}.");
    }
}

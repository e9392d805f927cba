using Chart.Tests.Infrastructure;

namespace Chart.Tests;

/// <summary>`helm lint --strict` is clean for the defaults and every ci/*-values.yaml scenario.</summary>
public class LintTests(Helm helm) : HelmFixture(helm)
{
    public static IEnumerable<string> Scenarios => RepositoryPaths.Scenarios();

    [Test]
    public void The_expected_scenarios_exist() =>
        Scenarios.Should().Contain(["default", "tag-fallback", "postgresql", "autoscaling", "existing-secret", "exec-prestop",
            "alb-tls", "alb-internet-facing", "public-load-balancer", "internal-load-balancer", "monitoring"]);

    [Test]
    public void Default_values_lint_clean() => AssertLintClean(Defaults());

    [TestCaseSource(nameof(Scenarios))]
    public void Scenario_lints_clean(string scenario) => AssertLintClean(Scenario(scenario));

    [Test]
    public void Lint_fails_on_values_the_schema_rejects()
    {
        var result = Defaults().Set("image.digest", "sha256:abc").Lint();

        result.Succeeded.Should().BeFalse(result.ToString());
        (result.StdOut + result.StdErr).Should().Contain(Helm.SchemaField("image.digest"));
    }

    private static void AssertLintClean(HelmChart chart)
    {
        var result = chart.Lint();

        result.Succeeded.Should().BeTrue(result.ToString());
        result.StdOut.Should().Contain("1 chart(s) linted, 0 chart(s) failed");
        result.StdOut.Should().NotContainAny(["[WARNING]", "[ERROR]"], result.ToString());
    }
}

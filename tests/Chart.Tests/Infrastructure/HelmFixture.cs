namespace Chart.Tests.Infrastructure;

/// <summary>
/// A fixture that renders the chart: it runs once per supported helm major, so a template, schema rule or flag that
/// one major reads differently fails a test. Derive with a primary constructor: <c>class XTests(Helm helm) : HelmFixture(helm)</c>.
/// </summary>
[TestFixtureSource(typeof(Helm), nameof(Helm.Fixtures))]
public abstract class HelmFixture(Helm helm)
{
    protected Helm Helm { get; } = helm;

    /// <summary>The chart's own values.yaml, nothing else.</summary>
    protected HelmChart Defaults() => HelmChart.Defaults(Helm);

    /// <summary>values.yaml overlaid with <c>chart/ci/&lt;name&gt;-values.yaml</c>.</summary>
    protected HelmChart Scenario(string name) => HelmChart.Scenario(Helm, name);
}

namespace Chart.Tests.Infrastructure;

/// <summary>
/// One way of rendering the chart: a scenario file, extra values, flags. Immutable, so a fixture can keep a
/// base and derive variants: <c>Scenario("postgresql").Set("replicaCount", "5").Render()</c> in a <see cref="HelmFixture"/>.
/// </summary>
public sealed record HelmChart
{
    public const string ReleaseName = "prod";
    public const string Namespace = "admin-site";
    public const string FullName = "prod-admin-site";

    private HelmChart(Helm helm, string chartDirectory, IReadOnlyList<string> valueArguments, IReadOnlyList<string> flags)
    {
        Helm = helm;
        ChartDirectory = chartDirectory;
        ValueArguments = valueArguments;
        Flags = flags;
    }

    /// <summary>The helm that renders it (one major).</summary>
    public Helm Helm { get; init; }

    public string ChartDirectory { get; init; }

    public IReadOnlyList<string> ValueArguments { get; init; }

    public IReadOnlyList<string> Flags { get; init; }

    /// <summary>The chart's own values.yaml, nothing else.</summary>
    public static HelmChart Defaults(Helm helm) => new(helm, RepositoryPaths.Chart, [], []);

    /// <summary>values.yaml overlaid with <c>chart/ci/&lt;name&gt;-values.yaml</c>.</summary>
    public static HelmChart Scenario(Helm helm, string name)
    {
        var file = RepositoryPaths.ScenarioFile(name);
        return File.Exists(file)
            ? Defaults(helm).With("--values", file)
            : throw new FileNotFoundException($"No scenario '{name}'", file);
    }

    /// <summary>The same values against another copy of the chart (see <see cref="ChartCopy"/>).</summary>
    public HelmChart InChart(string chartDirectory) => this with { ChartDirectory = chartDirectory };

    public HelmChart Set(string key, string value) => With("--set", $"{key}={value}");

    public HelmChart SetString(string key, string value) => With("--set-string", $"{key}={value}");

    public HelmChart SetJson(string key, string json) => With("--set-json", $"{key}={json}");

    public HelmChart KubeVersion(string version) => this with { Flags = [.. Flags, "--kube-version", version] };

    /// <summary>Renders past the JSON schema, to prove the templates' own guards.</summary>
    public HelmChart SkipSchemaValidation() => this with { Flags = [.. Flags, "--skip-schema-validation"] };

    public HelmResult Template(params string[] extraArguments) => Helm.Run(
        ["template", ReleaseName, ChartDirectory, "--namespace", Namespace, .. ValueArguments, .. Flags, .. extraArguments]);

    public HelmResult Lint() => Helm.Run(
        ["lint", ChartDirectory, "--strict", "--namespace", Namespace, .. ValueArguments, .. Flags]);

    /// <summary>Renders and parses; a failed render fails the test with helm's output.</summary>
    public RenderedManifest Render()
    {
        var result = Template();
        Assert.That(result.Succeeded, Is.True, () => $"helm template should succeed:\n{result}");
        return RenderedManifest.Parse(result.StdOut);
    }

    /// <summary>Renders expecting failure and returns helm's error output.</summary>
    public string RenderError()
    {
        var result = Template();
        Assert.That(result.Succeeded, Is.False, () => $"helm template should fail:\n{result}");
        return result.StdErr;
    }

    private HelmChart With(string option, string value) => this with { ValueArguments = [.. ValueArguments, option, value] };
}

using System.Text.Json;

namespace Tools;

/// <summary>The helm CLI (v3): every command line the build gives it is assembled here.</summary>
public sealed class Helm(IProcessRunner runner, string executable, string workingDirectory)
{
    public const string MissingHint = "Install Helm 3 (https://helm.sh/docs/intro/install/, or ./build.sh Prerequisites) or pass --helm-path.";

    public Task<ToolResult> UpgradeInstall(HelmUpgradeSettings settings, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(settings.Arguments()), cancellation);

    /// <summary>Runs the chart's test hooks; returns the result instead of throwing so the caller can roll back.</summary>
    public Task<ToolResult> Test(HelmTarget target, string timeout, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["test", target.Release, "--logs", "--timeout", timeout, .. target.Arguments()]) with { AllowFailure = true }, cancellation);

    public Task<ToolResult> Rollback(HelmTarget target, int revision, string timeout, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["rollback", target.Release, revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--wait", "--timeout", timeout, .. target.Arguments()]), cancellation);

    public Task<ToolResult> Uninstall(HelmTarget target, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["uninstall", target.Release, "--wait", .. target.Arguments()]), cancellation);

    /// <summary>The release's revisions, oldest first (<c>helm history -o json</c>).</summary>
    public async Task<IReadOnlyList<HelmRevision>> History(HelmTarget target, CancellationToken cancellation = default)
    {
        var result = await runner.RunAsync(
            Command(["history", target.Release, "--output", "json", "--max", "20", .. target.Arguments()]) with { Quiet = true, AllowFailure = true },
            cancellation);
        // A release that does not exist yet: helm fails, or (some versions) prints nothing.
        if (!result.Succeeded || string.IsNullOrWhiteSpace(result.StandardOutput))
            return [];
        return JsonSerializer.Deserialize<List<HelmRevision>>(result.StandardOutput, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
    }

    /// <summary>Renders the chart locally with string values (<c>helm template</c>) and returns the manifests.</summary>
    public async Task<string> Template(string release, string chart, IReadOnlyList<KeyValuePair<string, string>> values, CancellationToken cancellation = default) =>
        (await runner.RunAsync(Command(["template", release, chart, .. values.SelectMany(value => (string[])["--set-string", $"{value.Key}={value.Value}"])])
            with { Quiet = true }, cancellation)).StandardOutput;

    public Task<ToolResult> Version(CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["version", "--short"]) with { Quiet = true }, cancellation);

    private ToolCommand Command(IReadOnlyList<string> arguments) =>
        new(executable, arguments) { WorkingDirectory = workingDirectory, MissingHint = MissingHint };
}

/// <summary>Which release in which cluster: the arguments every release command shares.</summary>
public sealed record HelmTarget(string Release, string Namespace, string? KubeContext, string? KubeConfig = null)
{
    public IReadOnlyList<string> Arguments() =>
        [
            "--namespace", Namespace,
            .. KubeContext is null ? [] : (string[])["--kube-context", KubeContext],
            .. KubeConfig is null ? [] : (string[])["--kubeconfig", KubeConfig],
        ];
}

public sealed record HelmRevision(int Revision, string Status, string? Description);

/// <summary>
/// <c>helm upgrade --install --atomic</c>: a failed rollout rolls itself back (a failed first install is removed),
/// and <c>--wait</c> lets readiness probes decide what "failed" means.
/// </summary>
public sealed record HelmUpgradeSettings(HelmTarget Target, string Chart)
{
    public string Timeout { get; init; } = "5m";
    public int HistoryMax { get; init; } = 10;
    public IReadOnlyList<KeyValuePair<string, string>> Values { get; init; } = [];
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary>Kept on the revision (helm history): Deploy records its <see cref="DeployStamp"/> there.</summary>
    public string? Description { get; init; }

    public HelmUpgradeSettings SetTimeout(string timeout) => this with { Timeout = timeout };
    public HelmUpgradeSettings SetDescription(string description) => this with { Description = description };
    public HelmUpgradeSettings SetValue(string name, string value) => this with { Values = [.. Values, new(name, value)] };
    public HelmUpgradeSettings AddValuesFile(string path) => this with { ValuesFiles = [.. ValuesFiles, path] };

    public IReadOnlyList<string> Arguments()
    {
        var arguments = new List<string>
        {
            "upgrade", "--install", Target.Release, Chart,
            "--namespace", Target.Namespace, "--create-namespace",
            "--atomic", "--wait", "--timeout", Timeout,
            "--history-max", HistoryMax.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (Target.KubeContext is not null)
            arguments.AddRange(["--kube-context", Target.KubeContext]);
        if (Target.KubeConfig is not null)
            arguments.AddRange(["--kubeconfig", Target.KubeConfig]);
        if (Description is not null)
            arguments.AddRange(["--description", Description]);
        foreach (var file in ValuesFiles)
            arguments.AddRange(["--values", file]);
        // --set-string: a digest or tag must never be read as a number or a boolean.
        foreach (var (name, value) in Values)
            arguments.AddRange(["--set-string", $"{name}={value}"]);
        return arguments;
    }
}

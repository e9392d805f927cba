using System.Globalization;
using System.Text.RegularExpressions;
using BuildEngine;

namespace Tools;

/// <summary>Which release in which cluster: the arguments every release command shares.</summary>
public sealed partial record HelmTarget(string Release, string Namespace, string? KubeContext, string? KubeConfig = null)
{
    /// <summary>Helm's own rule for release names (it refuses others), and what keeps a name from reading as a flag.</summary>
    public static readonly ValueRule<string> ReleaseName = ValueRule<string>.Matching(
        "a Helm release name: at most 53 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
        name => name.Length <= 53 && ReleasePattern().IsMatch(name));

    public static readonly ValueRule<string> NamespaceName = ValueRule<string>.Matching(
        "a Kubernetes namespace: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
        name => name.Length <= 63 && NamespacePattern().IsMatch(name));

    public IReadOnlyList<string> Arguments() =>
        [
            "--namespace", Namespace,
            .. KubeContext is null ? [] : (string[])["--kube-context", KubeContext],
            .. KubeConfig is null ? [] : (string[])["--kubeconfig", KubeConfig],
        ];

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex ReleasePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex NamespacePattern();
}

/// <summary>
/// <c>helm upgrade --install</c> that rolls a failed rollout back (a failed first install is removed) and waits for
/// readiness, so readiness probes decide what "failed" means; the flags for that depend on the major
/// (<see cref="HelmVersion.RollbackOnFailure"/>). Values files are read in order: the user's, then the build's own.
/// </summary>
public sealed record HelmUpgradeSettings(HelmTarget Target, string Chart)
{
    public const int DefaultHistoryMax = 10;

    public string Timeout { get; init; } = "5m";
    public int HistoryMax { get; init; } = DefaultHistoryMax;
    public bool CreateNamespace { get; init; }
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary>Kept on the revision (helm history): Deploy records its <see cref="DeployStamp"/> there.</summary>
    public string? Description { get; init; }

    public HelmUpgradeSettings SetTimeout(string timeout) => this with { Timeout = timeout };
    public HelmUpgradeSettings SetDescription(string description) => this with { Description = description };
    public HelmUpgradeSettings SetCreateNamespace(bool create) => this with { CreateNamespace = create };
    public HelmUpgradeSettings AddValuesFile(string path) => this with { ValuesFiles = [.. ValuesFiles, path] };

    public IReadOnlyList<string> Arguments(HelmVersion helm)
    {
        var arguments = new List<string> { "upgrade", "--install", Target.Release, Chart, "--namespace", Target.Namespace };
        if (CreateNamespace)
            arguments.Add("--create-namespace");
        arguments.AddRange(helm.RollbackOnFailure);
        arguments.AddRange(["--timeout", Timeout, "--history-max", HistoryMax.ToString(CultureInfo.InvariantCulture)]);
        if (Target.KubeContext is not null)
            arguments.AddRange(["--kube-context", Target.KubeContext]);
        if (Target.KubeConfig is not null)
            arguments.AddRange(["--kubeconfig", Target.KubeConfig]);
        if (Description is not null)
            arguments.AddRange(["--description", Description]);
        foreach (var file in ValuesFiles)
            arguments.AddRange(["--values", file]);
        return arguments;
    }
}

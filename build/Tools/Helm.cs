using System.Globalization;
using System.Text.Json;

namespace Tools;

/// <summary>
/// The helm CLI, Helm 4 or Helm 3: every command line the build gives it is assembled here (and in
/// <see cref="HelmUpgradeSettings"/>) with the flags of the major that runs, read once with <see cref="Version"/>.
/// </summary>
public sealed class Helm(IProcessRunner runner, string executable, string workingDirectory)
{
    public const string MissingHint =
        "Install Helm 4 or Helm 3 (https://helm.sh/docs/intro/install/, or ./build.sh Prerequisites, which installs the pinned Helm 4) or pass --helm-path.";

    /// <summary><c>helm version</c>; a major other than 3 or 4 is refused, since its flags are not known.</summary>
    public async Task<HelmVersion> Version(CancellationToken cancellation = default)
    {
        var result = await runner.RunAsync(Command(["version", "--template", "{{.Version}}"]) with { Quiet = true }, cancellation);
        return HelmVersion.Parse(result.StandardOutput, executable);
    }

    public Task<ToolResult> UpgradeInstall(HelmUpgradeSettings settings, HelmVersion helm, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(settings.Arguments(helm)), cancellation);

    /// <summary>Runs the chart's test hooks; returns the result instead of throwing so the caller can roll back.</summary>
    public Task<ToolResult> Test(HelmTarget target, string timeout, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["test", target.Release, "--logs", "--timeout", timeout, .. target.Arguments()]) with { AllowFailure = true }, cancellation);

    public Task<ToolResult> Rollback(HelmTarget target, int revision, string timeout, HelmVersion helm, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["rollback", target.Release, revision.ToString(CultureInfo.InvariantCulture),
            helm.Wait, "--timeout", timeout, "--history-max", HelmUpgradeSettings.DefaultHistoryMax.ToString(CultureInfo.InvariantCulture),
            .. target.Arguments()]), cancellation);

    public Task<ToolResult> Uninstall(HelmTarget target, string timeout, HelmVersion helm, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["uninstall", target.Release, helm.Wait, "--timeout", timeout, .. target.Arguments()]), cancellation);

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

    /// <summary>
    /// Renders the chart locally (<c>helm template</c>) with the given string values, passed as a generated values
    /// file (see <see cref="HelmValues"/>), and returns the manifests.
    /// </summary>
    public async Task<string> Template(string release, string chart, IReadOnlyList<KeyValuePair<string, string>> values, CancellationToken cancellation = default)
    {
        var directory = Directory.CreateTempSubdirectory("helm-template-");
        try
        {
            var file = values.Aggregate(new HelmValues(), (all, value) => all.Set(value.Key, value.Value))
                .Write(BuildEngine.AbsolutePath.Create(Path.Combine(directory.FullName, "values.json")));
            return (await runner.RunAsync(Command(["template", release, chart, "--values", file]) with { Quiet = true }, cancellation)).StandardOutput;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private ToolCommand Command(IReadOnlyList<string> arguments) =>
        new(executable, arguments) { WorkingDirectory = workingDirectory, MissingHint = MissingHint };
}

public sealed record HelmRevision(int Revision, string Status, string? Description);

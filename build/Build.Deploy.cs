using BuildEngine;
using Tools;

partial class Build
{
    [Parameter("Helm release name")]
    readonly string Release = "admin-site";

    [Parameter("Kubernetes namespace to deploy into")]
    readonly string Namespace = "admin-site";

    [Parameter("Create the namespace on the first install (needs create and, with Helm 4's server-side apply, patch on Namespaces)")]
    readonly bool CreateNamespace;

    [Parameter("kubeconfig context to deploy to (default: the kubeconfig's current context)", DefaultFrom = nameof(KubeconfigContext))]
    readonly string? KubeContext;

    [Parameter("Deploy this digest (sha256:...) of Registry/Repository instead of the one in artifacts/image.json")]
    readonly string? ImageDigest;

    [Parameter("The site version of --image-digest's image, for the chart's app.kubernetes.io/version label (default: the one Push recorded)")]
    readonly string? ImageVersion;

    [Parameter("How long Helm waits for the rollout and for helm test (Go duration)")]
    readonly string DeployTimeout = "5m";

    [Parameter("Extra values files for the release, e.g. the environment's settings")]
    readonly AbsolutePath[] ValuesFiles = [];

    [Parameter("kubeconfig file for helm (default: KUBECONFIG, else ~/.kube/config); Jenkins binds the secret-file credential 'kubeconfig'", CredentialsId = "kubeconfig")]
    readonly AbsolutePath? KubeConfig;

    [Parameter("Roll out even when the release already runs this commit with the same chart and values (e.g. for rebuilt base images)")]
    readonly bool Redeploy;

    AbsolutePath ChartDirectory => RootDirectory / "chart";

    /// <summary>The values the build sets itself (the image), as a file: see <see cref="HelmValues"/>.</summary>
    AbsolutePath DeployValuesFile => TemporaryDirectory / "deploy" / $"{Release}.values.json";

    Target Deploy => _ => _
        .Description("helm upgrade --install by digest, rolled back on failure, then helm test; a failed test rolls back")
        .DependsOn(Push)
        .OnlyOnBranches(DeployBranch)
        // Two branches matching DeployBranch, or two jobs, must never upgrade one release at the same time.
        .Exclusive($"{Release}-{Namespace}")
        .Uses(() => KubeConfig)
        .Requires(() => HelmExecutable is not null, $"helm on PATH or --helm-path. {Helm.MissingHint}")
        .Validates(() => HelmPath, ExecutableLocator.ExecutableFile)
        .Requires(() => KubeContext is not null || CurrentKubeContext() is not null, "--kube-context, or a current-context in the kubeconfig (aws eks update-kubeconfig --name <cluster>)")
        .Requires(() => ImageDigest is null || Registry is not null, "--registry with --image-digest, to say where the image is")
        .Validates(() => ImageDigest, ImageRecord.DigestRule)
        .Validates(() => ImageVersion, SiteVersion.Rule)
        .Validates(() => Registry, DockerReference.Registry)
        .Validates(() => Repository, DockerReference.Repository)
        .Validates(() => Release, HelmTarget.ReleaseName)
        .Validates(() => Namespace, HelmTarget.NamespaceName)
        .Validates(() => DeployTimeout, GoDuration.Positive)
        .Validates(() => ValuesFiles, HelmValues.UserFile)
        // The daily build of an unchanged commit: a rollout would change nothing but the digest, and on SQLite
        // (Recreate) it would still be a short outage.
        .OnlyWhenDynamic(() => Redeploy || !ReleaseAlreadyRunsThisCommit())
        .Executes(async () =>
        {
            var image = DeployedImage();
            var helm = await DeployHelm();
            var values = new HelmValues()
                .Set("image.repository", image.RepositoryReference)
                .Set("image.digest", image.Digest)
                // Helm has no --app-version on upgrade: the chart labels the release's objects with this instead.
                .Set("image.version", image.Version)
                .Write(DeployValuesFile);
            // The build's values last: an environment's file may tune the release but never change the image.
            var settings = ValuesFiles.Append(values).Aggregate(
                new HelmUpgradeSettings(HelmRelease, ChartDirectory).SetTimeout(DeployTimeout).SetCreateNamespace(CreateNamespace)
                    .SetDescription((await Stamp(image)).ToString()),
                (current, file) => current.AddValuesFile(file));

            await Helm.UpgradeInstall(settings, helm);
            await TestReleaseOrRollBack(HelmRelease, helm);
            ReportSummary("Version", image.Version.Length > 0 ? image.Version : "unknown (pass --image-version)");
            Log.Success($"Deployed {image.DigestReference} as release {Release} in namespace {Namespace} with helm {helm}.");
        });

    HelmTarget HelmRelease => new(Release, Namespace, KubeContext, KubeConfig?.Value);

    HelmVersion? _deployHelm;

    /// <summary>helm version, asked once: by the rollout check, or by the rollout when --redeploy skips the check.</summary>
    async Task<HelmVersion> DeployHelm() => _deployHelm ??= await Helm.Version();

    async Task<DeployStamp> Stamp(ImageRecord image) =>
        DeployStamp.Of(await Git.CommitSha(), ChartDirectory, ValuesFiles, image.RepositoryReference);

    /// <summary>The deployed revision carries the stamp this rollout would write, so it would change nothing.</summary>
    bool ReleaseAlreadyRunsThisCommit()
    {
        // The image first: a missing record fails here, before helm is asked anything; then a helm the build cannot
        // speak is refused before any release command.
        var wanted = Stamp(DeployedImage()).GetAwaiter().GetResult();
        DeployHelm().GetAwaiter().GetResult();
        var history = Helm.History(HelmRelease).GetAwaiter().GetResult();
        var deployed = history.LastOrDefault(revision => revision.Status == "deployed");
        if (deployed is null || DeployStamp.Parse(deployed.Description) != wanted)
            return false;
        Log.Information($"Release {Release} in {Namespace} already runs commit {wanted.Commit[..12]} with the same chart and values " +
            $"(revision {deployed.Revision}): no rollout. --redeploy rolls out anyway.");
        return true;
    }

    ImageRecord DeployedImage()
    {
        var image = ImageDigest is null ? ImageRecord.Read(ImageRecordFile) : new ImageRecord(Registry!, Repository, Tag: "", ImageDigest);
        return ImageVersion is null ? image : image with { Version = ImageVersion };
    }

    /// <summary>
    /// Rolling back on failure only covers the rollout; helm test checks the running site. When it fails, the previous
    /// good revision comes back (a first install is removed, as a failed first install would be) and the build fails
    /// with the test output.
    /// </summary>
    async Task TestReleaseOrRollBack(HelmTarget target, HelmVersion helm)
    {
        var test = await Helm.Test(target, DeployTimeout);
        if (test.Succeeded)
            return;

        var history = await Helm.History(target);
        var current = history.Count > 0 ? history[^1].Revision : 0;
        var previous = history
            .Where(revision => revision.Revision < current && revision.Status is "superseded" or "deployed")
            .Select(revision => (int?)revision.Revision)
            .LastOrDefault();
        var reason = (test.StandardError + test.StandardOutput).Trim();
        if (previous is { } good)
        {
            await Helm.Rollback(target, good, DeployTimeout, helm);
            throw new BuildFailedException($"helm test failed for revision {current}; rolled back to revision {good}. {reason}");
        }
        await Helm.Uninstall(target, DeployTimeout, helm);
        throw new BuildFailedException($"helm test failed on the first install; the release was removed. {reason}");
    }

    ResolvedDefault KubeconfigContext => new(CurrentKubeContext(), "the kubeconfig's current-context");

    /// <summary>The current-context of the kubeconfig helm will read (--kube-config, else KUBECONFIG's files, else ~/.kube/config).</summary>
    string? CurrentKubeContext()
    {
        var configs = KubeConfig is not null ? [KubeConfig]
            : EnvironmentVariables.TryGetValue("KUBECONFIG", out var list) && !string.IsNullOrWhiteSpace(list)
            ? list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")];
        return configs.Where(File.Exists).SelectMany(File.ReadLines)
            .Where(line => line.StartsWith("current-context:", StringComparison.Ordinal))
            .Select(line => line["current-context:".Length..].Trim().Trim('"'))
            .FirstOrDefault(context => context.Length > 0);
    }
}

using System.Runtime.Versioning;
using BuildEngine;
using Chart.Tests.Infrastructure;
using Tools;

namespace BuildTests.Tools;

/// <summary>
/// The exact argument lists Deploy gives helm (upgrade, test, history, rollback, uninstall), run through the real
/// binary of each major against a fake Kubernetes API. Helm parses every flag and flag value before a command talks
/// to the cluster, so a request that reaches the API proves the binary accepted them all; an unknown, malformed or
/// deprecated flag fails the test. The fake cluster holds no release: upgrade goes on to install (reading the values
/// files and rendering the chart) until it needs the OpenAPI documents the fake does not serve; the rest stop at "release: not found".
/// </summary>
[TestFixture(4)]
[TestFixture(3)]
[UnsupportedOSPlatform("windows")]
public sealed class HelmCommandLineTests(int major)
{
    private static readonly string[] FlagErrors = ["unknown flag", "unknown shorthand flag", "invalid argument", "flag needs an argument", "deprecated", "Usage:"];

    private FakeKubernetesApi _cluster = null!;
    private RealHelm _helm = null!;
    private HelmVersion _version = null!;
    private readonly HelmTarget _target = new("admin-site", "admin-site", "fake");

    [SetUp]
    public async Task StartCluster()
    {
        _cluster = new FakeKubernetesApi();
        _helm = new RealHelm(major, _cluster.KubeconfigPath);
        _version = await _helm.Cli.Version();
    }

    [TearDown]
    public void StopCluster()
    {
        _helm.Dispose();
        _cluster.Dispose();
    }

    [Test]
    public void The_binary_is_the_major_this_fixture_is_for() => _version.Major.Should().Be(major);

    [Test]
    public async Task Upgrade_with_every_option_deploy_uses()
    {
        using var files = new ValuesFiles();
        var settings = new HelmUpgradeSettings(_target, Path.Combine(RepositoryRoot.Path, "chart"))
            .SetTimeout("1m30s").SetCreateNamespace(true).AddValuesFile(files.User).AddValuesFile(files.Generated);

        var result = await _helm.Cli.UpgradeInstall(settings, _version);

        AssertParsedAndReachedTheCluster(result);
        _cluster.Requests.Should().Contain("/api/v1/namespaces/admin-site/secrets/admin-site-bootstrap-admin",
            "finding no release, helm installs: it read both values files and rendered the chart, whose lookup asked for the Secret");
    }

    [Test]
    public async Task Test_with_logs_and_timeout() => AssertParsedAndReachedTheCluster(await _helm.Cli.Test(_target, "5m"));

    [Test]
    public async Task Rollback_waits_for_the_previous_revision() => AssertParsedAndReachedTheCluster(await _helm.Cli.Rollback(_target, 3, "5m", _version));

    [Test]
    public async Task Uninstall_waits_until_the_release_is_gone() => AssertParsedAndReachedTheCluster(await _helm.Cli.Uninstall(_target, "5m", _version));

    [Test]
    public async Task History_reads_the_revisions()
    {
        (await _helm.Cli.History(_target)).Should().BeEmpty("the fake cluster holds no release");

        _cluster.Requests.Should().Contain(request => request.Contains("/secrets", StringComparison.Ordinal));
    }

    /// <summary>The check above can fail: the other major's flags are caught on this binary.</summary>
    [Test]
    public async Task The_other_majors_upgrade_flags_are_caught()
    {
        var other = new HelmVersion(major == 4 ? "v3.17.3" : "v4.1.4", major == 4 ? 3 : 4);

        var result = await _helm.Cli.UpgradeInstall(new HelmUpgradeSettings(_target, Path.Combine(RepositoryRoot.Path, "chart")), other);

        FlagErrors.Where(result.StandardError.Contains).Should().NotBeEmpty(
            major == 4 ? "Helm 4 deprecates --atomic" : "Helm 3 has no --rollback-on-failure");
    }

    private void AssertParsedAndReachedTheCluster(ToolResult result)
    {
        FlagErrors.Where(result.StandardError.Contains).Should().BeEmpty(result.StandardError);
        _cluster.Requests.Should().NotBeEmpty($"helm got past its flags and asked the cluster; it said: {result.StandardError}");
    }

    /// <summary>A user's values file and one the build writes, as Deploy passes them.</summary>
    private sealed class ValuesFiles : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("helm-values-").FullName;

        public ValuesFiles()
        {
            User = Path.Combine(_directory, "prod.yaml");
            File.WriteAllText(User, "replicaCount: 1\n");
            Generated = new HelmValues().Set("image.repository", "localhost:5000/admin-site").Set("image.digest", "sha256:" + new string('a', 64))
                .Write(AbsolutePath.Create(Path.Combine(_directory, "deploy.values.json")));
        }

        public string User { get; }
        public string Generated { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}

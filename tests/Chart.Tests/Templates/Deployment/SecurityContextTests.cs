using Chart.Tests.Infrastructure;

namespace Chart.Tests.Templates.Deployment;

/// <summary>
/// Every pod (site and helm test) and every container (migration, site, test) is hardened in every
/// scenario: non-root 1654, seccomp RuntimeDefault, read-only root with /tmp on an emptyDir, no privilege
/// escalation, no capabilities.
/// </summary>
public class SecurityContextTests(Helm helm) : HelmFixture(helm)
{
    public static IEnumerable<string> Scenarios => RepositoryPaths.Scenarios().Prepend("(defaults)");

    [TestCaseSource(nameof(Scenarios))]
    public void Pods_run_as_the_dotnet_app_user_with_runtime_default_seccomp(string scenario)
    {
        var manifest = Render(scenario);

        foreach (var podSpec in new[] { manifest.PodSpec, manifest.TestPod["spec"] })
        {
            var context = podSpec["securityContext"];
            context["runAsNonRoot"].Bool.Should().BeTrue(podSpec.Path);
            context["runAsUser"].Int.Should().Be(1654);
            context["runAsGroup"].Int.Should().Be(1654);
            context["fsGroup"].Int.Should().Be(1654);
            context["seccompProfile"]["type"].String.Should().Be("RuntimeDefault");
            podSpec["automountServiceAccountToken"].Bool.Should().BeFalse();
        }
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Containers_are_read_only_unprivileged_and_drop_all_capabilities(string scenario)
    {
        foreach (var container in ContainersOf(Render(scenario)))
        {
            var context = container["securityContext"];
            context["readOnlyRootFilesystem"].Bool.Should().BeTrue(container.Path);
            context["allowPrivilegeEscalation"].Bool.Should().BeFalse(container.Path);
            context["capabilities"]["drop"].Strings.Should().Equal(["ALL"], container.Path);
            context["capabilities"]["add"].Exists.Should().BeFalse(container.Path);
        }
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Every_container_gets_a_writable_tmp_from_an_empty_dir(string scenario)
    {
        var manifest = Render(scenario);

        foreach (var (container, podSpec) in ContainersOf(manifest).Select(c => (c, c.Path.StartsWith("Pod/", StringComparison.Ordinal) ? manifest.TestPod["spec"] : manifest.PodSpec)))
        {
            var mount = container["volumeMounts"].Items.Should().ContainSingle(m => m["mountPath"].String == "/tmp", container.Path).Subject;
            var volume = podSpec["volumes"].Named(mount["name"].String);
            volume["emptyDir"].Exists.Should().BeTrue($"{volume.Path} backs /tmp");
            volume["emptyDir"]["sizeLimit"].String.Should().Be("64Mi");
        }
    }

    private RenderedManifest Render(string scenario) =>
        (scenario == "(defaults)" ? Defaults() : Scenario(scenario)).Render();

    private static IEnumerable<Node> ContainersOf(RenderedManifest manifest) =>
        manifest.PodSpec["initContainers"].Items
            .Concat(manifest.PodSpec["containers"].Items)
            .Concat(manifest.TestPod["spec"]["containers"].Items);
}

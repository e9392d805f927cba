using System.Text.Json.Nodes;
using BuildEngine;
using E2E;

namespace BuildTests.E2E;

public class PodmanAdaptationsTests
{
    private const int Port = 41234;

    /// <summary>The shape of the chart's default render, cut to what the rehearsal reads or changes.</summary>
    private const string Render = """
        apiVersion: v1
        kind: Secret
        metadata: {name: admin-site-bootstrap-admin}
        data: {username: "YWRtaW4=", email: "YUBiLmM=", password: "c2VjcmV0LXBhc3N3b3Jk"}
        ---
        kind: Service
        metadata: {name: admin-site}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: admin-site}
        spec:
          strategy: {type: Recreate}
          template:
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 1654, runAsGroup: 1654, fsGroup: 1654}
              terminationGracePeriodSeconds: 40
              initContainers:
                - name: migrate
                  image: "r/admin-site@sha256:1"
                  args: ["migrate"]
              containers:
                - name: admin-site
                  image: "r/admin-site@sha256:1"
                  ports: [{name: http, containerPort: 8080}]
                  env:
                    - {name: Database__SqlitePath, value: /data/admin-site.db}
                    - {name: Bootstrap__AdminUserName, valueFrom: {secretKeyRef: {name: admin-site-bootstrap-admin, key: username}}}
                    - {name: Bootstrap__AdminPassword, valueFrom: {secretKeyRef: {name: admin-site-bootstrap-admin, key: password}}}
                  startupProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 2, failureThreshold: 30}
                  livenessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 10, failureThreshold: 3}
                  readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 5, failureThreshold: 3}
                  volumeMounts: [{name: tmp, mountPath: /tmp}, {name: data, mountPath: /data}]
              volumes:
                - {name: tmp, emptyDir: {sizeLimit: 64Mi}}
                - {name: data, persistentVolumeClaim: {claimName: admin-site-data}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: admin-site-test-healthz
          annotations: {helm.sh/hook: test}
        spec:
          restartPolicy: Never
          containers:
            - name: healthcheck
              image: "r/admin-site@sha256:1"
              args: [healthcheck, "http://admin-site:80/healthz"]
        """;

    [Test]
    public void The_Deployment_changes_only_where_an_adaptation_says()
    {
        var rendered = RenderedChart.Parse(Render);
        var pod = PodmanAdaptations.Adapt(rendered, Port);

        Differences(rendered.Deployment, pod.Deployment).Should().BeEquivalentTo(
            "metadata.annotations",
            "spec.template.spec.restartPolicy",
            "spec.template.spec.hostNetwork",
            "spec.template.spec.containers[0].ports",
            "spec.template.spec.containers[0].env[3]",
            "spec.template.spec.containers[0].startupProbe",
            "spec.template.spec.containers[0].livenessProbe",
            "spec.template.spec.containers[0].readinessProbe");
        pod.Deployment["metadata"]!["annotations"]!["io.podman.annotations.init.container.type"]!.GetValue<string>().Should().Be("always");
        pod.Template["restartPolicy"]!.GetValue<string>().Should().Be("Never");
        pod.Site["env"]![3]!.ToJsonString().Should().Be($$"""{"name":"ASPNETCORE_HTTP_PORTS","value":"{{Port}}"}""");
    }

    [Test]
    public void The_helm_test_pod_asks_the_site_on_loopback_instead_of_the_Service()
    {
        var rendered = RenderedChart.Parse(Render);
        var pod = PodmanAdaptations.Adapt(rendered, Port);

        Differences(rendered.TestPod, pod.TestPod).Should().BeEquivalentTo("spec.hostNetwork", "spec.containers[0].args[1]");
        pod.TestPod["spec"]!["containers"]![0]!["args"]!.ToJsonString().Should().Be($"""["healthcheck","http://127.0.0.1:{Port}/healthz"]""");
    }

    [Test]
    public void The_checks_read_the_render_before_it_is_adapted()
    {
        var pod = PodmanAdaptations.Adapt(RenderedChart.Parse(Render), Port);

        (pod.PodName, pod.SiteContainer, pod.MigrateContainer, pod.TestContainer)
            .Should().Be(("admin-site-pod-0", "admin-site-pod-0-admin-site", "admin-site-pod-0-migrate", "admin-site-test-healthz-healthcheck"));
        (pod.SecretName, pod.AdminUserName, pod.AdminPassword).Should().Be(("admin-site-bootstrap-admin", "admin", "secret-password"));
        JsonNode.Parse(pod.SecretData)!["password"]!.GetValue<string>().Should().Be("c2VjcmV0LXBhc3N3b3Jk", "podman's secretKeyRef decodes the data map itself");
        (pod.ClaimName, pod.SqliteFile, pod.RunAsUser, pod.FsGroup, pod.GraceSeconds).Should().Be(("admin-site-data", "/data/admin-site.db", 1654, 1654, 40));
        pod.Probes.Select(probe => (probe.Kind, probe.Path, probe.Budget.TotalSeconds)).Should().Equal(
            ("startupProbe", "/healthz", 60), ("livenessProbe", "/healthz", 30), ("readinessProbe", "/readyz", 15));
        pod.Images.Should().AllBe("r/admin-site@sha256:1");
    }

    [Test]
    public void A_probe_the_rehearsal_cannot_run_from_outside_fails_the_render()
    {
        var render = Render.Replace("startupProbe: {httpGet: {path: /healthz, port: http}", "startupProbe: {exec: {command: [true]}", StringComparison.Ordinal);

        var adapt = () => PodmanAdaptations.Adapt(RenderedChart.Parse(render), Port);

        adapt.Should().Throw<BuildFailedException>().WithMessage("*startupProbe has no httpGet*");
    }

    /// <summary>The paths (a.b[0].c) where two JSON trees differ, each at its topmost differing node.</summary>
    private static IEnumerable<string> Differences(JsonNode? before, JsonNode? after, string path = "")
    {
        switch (before, after)
        {
            case (JsonObject left, JsonObject right):
                foreach (var key in left.Select(entry => entry.Key).Union(right.Select(entry => entry.Key)))
                    foreach (var difference in Differences(left[key], right[key], path.Length == 0 ? key : $"{path}.{key}"))
                        yield return difference;
                break;
            case (JsonArray left, JsonArray right):
                for (var index = 0; index < Math.Max(left.Count, right.Count); index++)
                    foreach (var difference in Differences(index < left.Count ? left[index] : null, index < right.Count ? right[index] : null, $"{path}[{index}]"))
                        yield return difference;
                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                    yield return path;
                break;
        }
    }
}

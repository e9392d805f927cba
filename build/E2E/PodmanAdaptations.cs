using System.Text.Json.Nodes;
using BuildEngine;
using Spectre.Console;

namespace E2E;

/// <summary>
/// Everything the rehearsal changes in what helm rendered before podman 4.3 plays it, and why: this list is the
/// only place such changes are made, and the step prints it. Entries without <see cref="Adaptation.Apply"/> are
/// manifests the rehearsal does not play (the Secret and the claim become podman objects of the same name).
/// </summary>
public static class PodmanAdaptations
{
    public sealed record Adaptation(string Change, string Why, Action<ChartPod>? Apply = null);

    public static readonly IReadOnlyList<Adaptation> All =
    [
        new("Only the Deployment and the helm test Pod are played; the Service and the ServiceAccount are not",
            "podman runs pods only; the pods' ServiceAccount token is not mounted (automountServiceAccountToken: false) anyway"),
        new("The Secret is not played: `podman secret create` stores its data map under its name, for each revision",
            "podman 4.3 stores a played Secret in a form its own secretKeyRef cannot read"),
        new("The PersistentVolumeClaim is not played: a named volume of the claim's name is created, owned by runAsUser:fsGroup",
            "podman 4.3 does not apply fsGroup, and a played claim is root-owned: the non-root site could not write /data"),
        new("hostNetwork: true; the site's ports removed and ASPNETCORE_HTTP_PORTS set to a free port; the helm test pod asks 127.0.0.1:<that port> instead of the Service",
            "there is no cluster network or Service DNS here; podman 4.3 refuses ports with host networking; a free port keeps parallel rehearsals apart",
            HostNetwork),
        new("restartPolicy: Never",
            "podman 4.3 gives init containers the pod's restart policy, and Always restarts the finished migrate container; Never also makes a crash a failed check, not a restart loop",
            pod => pod.Template["restartPolicy"] = "Never"),
        new("Deployment annotation io.podman.annotations.init.container.type: always",
            "podman removes a 'once' init container when it finishes; 'always' keeps migrate's exit code and log for the checks",
            pod => Object(Object(pod.Deployment, "metadata"), "annotations")["io.podman.annotations.init.container.type"] = "always"),
        new("startupProbe, livenessProbe and readinessProbe removed; the rehearsal polls their httpGet paths itself, with their periods and thresholds",
            "podman 4.3 runs probes as healthchecks through systemd timers and curl: this machine has no systemd, the image no curl",
            pod => pod.Site.Remove("startupProbe", "livenessProbe", "readinessProbe")),
    ];

    /// <summary>The chart's pod as podman can play it, on <paramref name="port"/>.</summary>
    public static ChartPod Adapt(RenderedChart chart, int port)
    {
        var pod = new ChartPod(chart, port);
        foreach (var adaptation in All)
            adaptation.Apply?.Invoke(pod);
        return pod;
    }

    public static void Print()
    {
        var table = new Table().Border(TableBorder.Simple).Title("What the rehearsal changes in the rendered chart for podman 4.3")
            .AddColumns("Change", "Why");
        foreach (var adaptation in All)
            table.AddRow(Markup.Escape(adaptation.Change), Markup.Escape(adaptation.Why));
        Log.Console.Write(table);
    }

    private static void HostNetwork(ChartPod pod)
    {
        pod.Template["hostNetwork"] = true;
        pod.Site.Remove("ports");
        var env = pod.Site["env"] as JsonArray ?? [];
        env.Add(new JsonObject { ["name"] = "ASPNETCORE_HTTP_PORTS", ["value"] = pod.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        pod.Site["env"] = env;

        var testSpec = Object(pod.TestPod, "spec");
        testSpec["hostNetwork"] = true;
        var args = (JsonArray)Single(testSpec, "containers")["args"]!;
        var urls = args.Select((arg, index) => (Index: index, Url: Uri.TryCreate((string?)arg, UriKind.Absolute, out var url) ? url : null))
            .Where(arg => arg.Url is { Scheme: "http" }).ToList();
        if (urls.Count != 1)
            throw new BuildFailedException($"The helm test pod's args name {urls.Count} http URLs, expected the Service's: {args.ToJsonString()}");
        args[urls[0].Index] = $"http://127.0.0.1:{pod.Port}{urls[0].Url!.PathAndQuery}";
    }

    internal static JsonObject Object(JsonObject parent, string key) =>
        parent[key] as JsonObject ?? (JsonObject)(parent[key] = new JsonObject());

    /// <summary>The one element of a list the rehearsal expects exactly one of (one site container, one init container).</summary>
    internal static JsonObject Single(JsonObject parent, string key) =>
        parent[key] is JsonArray { Count: 1 } list
            ? (JsonObject)list[0]!
            : throw new BuildFailedException($"Expected exactly one entry in {key}, found {(parent[key] as JsonArray)?.Count ?? 0}.");

    private static void Remove(this JsonObject node, params string[] keys)
    {
        foreach (var key in keys)
            node.Remove(key);
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BuildEngine;
using static E2E.PodmanAdaptations;

namespace E2E;

/// <summary>
/// One render of the chart as the rehearsal plays it: the Deployment and the helm test Pod (adapted by
/// <see cref="PodmanAdaptations"/>), and the facts the checks need, read from the render before any adaptation.
/// </summary>
public sealed class ChartPod
{
    internal ChartPod(RenderedChart chart, int port)
    {
        Port = port;
        Deployment = chart.Deployment;
        TestPod = chart.TestPod;
        Template = Object(Object(Object(Deployment, "spec"), "template"), "spec");
        Site = Single(Template, "containers");
        Migrate = Single(Template, "initContainers");

        PodName = $"{Deployment["metadata"]!["name"]}-pod-0";
        SiteContainer = $"{PodName}-{Site["name"]}";
        MigrateContainer = $"{PodName}-{Migrate["name"]}";
        TestPodName = (string)TestPod["metadata"]!["name"]!;
        TestContainer = $"{TestPodName}-{Single(Object(TestPod, "spec"), "containers")["name"]}";
        Images = [(string)Site["image"]!, (string)Migrate["image"]!, (string)Single(Object(TestPod, "spec"), "containers")["image"]!];

        var security = Object(Template, "securityContext");
        RunAsUser = Int(Site["securityContext"]?["runAsUser"]) ?? Int(security["runAsUser"])
            ?? throw new BuildFailedException("The chart's pod sets no runAsUser: the rehearsal cannot tell whom the volume belongs to.");
        FsGroup = Int(security["fsGroup"]) ?? Int(security["runAsGroup"]) ?? RunAsUser;
        GraceSeconds = Int(Template["terminationGracePeriodSeconds"]) ?? 30;
        var data = Volumes().SingleOrDefault(volume => volume["persistentVolumeClaim"] is JsonObject)
            ?? throw new BuildFailedException("The chart's pod mounts no PersistentVolumeClaim: the rehearsal plays the SQLite setup.");
        ClaimName = (string)data["persistentVolumeClaim"]!["claimName"]!;
        var mountPath = (Site["volumeMounts"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(mount => (string?)mount["name"] == (string?)data["name"])?["mountPath"];
        SqliteFile = (string?)(Site["env"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(env => (string?)env["name"] == "Database__SqlitePath")?["value"] ?? "";
        if (mountPath is null || Path.GetDirectoryName(SqliteFile) != (string?)mountPath)
            throw new BuildFailedException($"The site's Database__SqlitePath ({SqliteFile}) is not at the top of the data volume ({mountPath}).");

        var password = SecretKeyRef("Bootstrap__AdminPassword");
        var userName = SecretKeyRef("Bootstrap__AdminUserName");
        var secret = chart.Secret(password.Name);
        var secretData = secret["data"] as JsonObject ?? throw new BuildFailedException($"The Secret {password.Name} has no data.");
        SecretName = password.Name;
        SecretData = secretData.ToJsonString();
        AdminUserName = Decode(secretData, userName.Key);
        AdminPassword = Decode(secretData, password.Key);
        SecretMasker.Register(AdminPassword);

        var httpPort = (Site["ports"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(entry => (string?)entry["name"] == "http");
        Probes = new[] { "startupProbe", "livenessProbe", "readinessProbe" }
            .Where(kind => Site[kind] is JsonObject)
            .Select(kind => Probe.Read(kind, (JsonObject)Site[kind]!, httpPort))
            .ToList();
    }

    public int Port { get; }
    public JsonObject Deployment { get; }
    public JsonObject TestPod { get; }
    public JsonObject Template { get; }
    public JsonObject Site { get; }
    public JsonObject Migrate { get; }
    public string PodName { get; }
    public string SiteContainer { get; }
    public string MigrateContainer { get; }
    public string TestPodName { get; }
    public string TestContainer { get; }
    public IReadOnlyList<string> Images { get; }
    public int RunAsUser { get; }
    public int FsGroup { get; }
    public int GraceSeconds { get; }
    public string ClaimName { get; }

    /// <summary>The SQLite file's path in the container, at the top of the claim's volume.</summary>
    public string SqliteFile { get; }
    public string SecretName { get; }

    /// <summary>The Secret's data map as JSON (values base64), the form podman's secretKeyRef reads.</summary>
    public string SecretData { get; }
    public string AdminUserName { get; }
    public string AdminPassword { get; }
    public IReadOnlyList<Probe> Probes { get; }

    /// <summary>Writes the two manifests podman plays; returns (Deployment, helm test Pod).</summary>
    public (AbsolutePath Deployment, AbsolutePath TestPod) Write(AbsolutePath directory)
    {
        Directory.CreateDirectory(directory);
        var options = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(directory / "deployment.json", Deployment.ToJsonString(options) + "\n");
        File.WriteAllText(directory / "helm-test-pod.json", TestPod.ToJsonString(options) + "\n");
        return (directory / "deployment.json", directory / "helm-test-pod.json");
    }

    private IEnumerable<JsonObject> Volumes() => (Template["volumes"] as JsonArray)?.OfType<JsonObject>() ?? [];

    private (string Name, string Key) SecretKeyRef(string variable)
    {
        var reference = (Site["env"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(env => (string?)env["name"] == variable)?["valueFrom"]?["secretKeyRef"]
            ?? throw new BuildFailedException($"The site container does not read {variable} from a Secret: the rehearsal signs in with the chart's bootstrap admin.");
        return ((string)reference["name"]!, (string)reference["key"]!);
    }

    internal static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? checked((int)number) : null;

    private static string Decode(JsonObject data, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String((string?)data[key] ?? throw new BuildFailedException($"The bootstrap Secret has no key {key}.")));
}

/// <summary>A Kubernetes httpGet probe as the rehearsal runs it from outside the pod.</summary>
public sealed record Probe(string Kind, string Path, int InitialDelaySeconds, int PeriodSeconds, int FailureThreshold)
{
    /// <summary>The longest a kubelet lets this probe fail before acting.</summary>
    public TimeSpan Budget => TimeSpan.FromSeconds(InitialDelaySeconds + PeriodSeconds * FailureThreshold);

    internal static Probe Read(string kind, JsonObject probe, JsonObject? httpPort)
    {
        var get = probe["httpGet"] as JsonObject
            ?? throw new BuildFailedException($"The site's {kind} has no httpGet: the rehearsal runs httpGet probes only.");
        var port = get["port"]?.ToString();
        if (port != "http" && port != httpPort?["containerPort"]?.ToString())
            throw new BuildFailedException($"The site's {kind} asks port {port}, not the site's http port.");
        return new Probe(kind, (string?)get["path"] ?? "/",
            ChartPod.Int(probe["initialDelaySeconds"]) ?? 0, ChartPod.Int(probe["periodSeconds"]) ?? 10, ChartPod.Int(probe["failureThreshold"]) ?? 3);
    }
}

using System.Runtime.Versioning;
using System.Text.Json;
using BuildEngine;
using Tools;
using YamlDotNet.RepresentationModel;

namespace BuildTests.Tools;

/// <summary>
/// The values Deploy sets from parameters (the image's repository and digest) reach the real helm of each major in
/// the generated values file, and whatever they hold stays one value: rendered with any of these strings, the chart
/// differs from a render with ordinary values only in the image reference. (The registry, repository and digest
/// rules refuse all of these strings before a build starts; this is what holds if one ever got through.)
/// </summary>
[TestFixture(4)]
[TestFixture(3)]
[UnsupportedOSPlatform("windows")]
public sealed class HelmValuesInjectionTests(int major)
{
    private const string Injection = "reg/x,exposure.type=loadBalancer,extraEnv[0].name=ASPNETCORE_FORWARDEDHEADERS_ENABLED,extraEnv[0].value=true";
    private const string Repository = "registry.example.com/admin-site";
    private const string Digest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";

    public static IEnumerable<string> Values =>
    [
        Injection,
        "a=b,c=d",
        "list[0]=x",
        "{\"json\": [1, 2]}",
        "quo\"te'single",
        @"back\slash\,comma",
        "new\nline: injected\nservice:\n  type: NodePort",
        "tab\tand\r\ncarriage return",
        "{{ .Release.Name }}",
        "--set=service.type=NodePort",
        "é and 😀",
        "line\u2028separator\u0085next line\u0000nul",
    ];

    private RealHelm _helm = null!;
    private string _directory = null!;

    [SetUp]
    public void Start()
    {
        _helm = new RealHelm(major);
        _directory = Directory.CreateTempSubdirectory("helm-injection-").FullName;
    }

    [TearDown]
    public void Stop()
    {
        _helm.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCaseSource(nameof(Values))]
    public async Task A_value_in_the_generated_file_changes_nothing_but_itself(string value)
    {
        var ordinary = await Render(Repository, Digest);
        var hostile = await Render(value, value + "-digest");

        var images = ImagesOf(hostile);
        images.Should().HaveCount(3).And.OnlyContain(image => image == $"{value}@{value}-digest");
        Canonical(hostile, $"{value}@{value}-digest", $"{Repository}@{Digest}").Should().Be(Canonical(ordinary, "", ""));
    }

    /// <summary>The comparison above can fail: the --set-string the build used before lets the issue's value in.</summary>
    [Test]
    public async Task Set_string_would_have_split_the_value()
    {
        var result = await _helm.Run("template", "prod", Path.Combine(RepositoryRoot.Path, "chart"), "--skip-schema-validation",
            "--set-string", $"image.repository={Injection}", "--set-string", $"image.digest={Digest}");

        result.Succeeded.Should().BeTrue(result.StandardError);
        var documents = Parse(result.StandardOutput);
        Find(documents, "Service")["spec"]["type"].ToString().Should().Be("LoadBalancer");
        result.StandardOutput.Should().Contain("ASPNETCORE_FORWARDEDHEADERS_ENABLED");
    }

    private async Task<List<YamlMappingNode>> Render(string repository, string digest)
    {
        // A fixed admin password: the chart would generate a new one on every render.
        var file = new HelmValues().Set("image.repository", repository).Set("image.digest", digest).Set("bootstrapAdmin.password", "Same-In-Both-Renders-1")
            .Write(AbsolutePath.Create(Path.Combine(_directory, $"values-{Guid.NewGuid():N}.json")));
        // Past the chart's schema, which refuses these strings too: this checks that the file alone keeps them whole.
        var result = await _helm.Run("template", "prod", Path.Combine(RepositoryRoot.Path, "chart"), "--namespace", "admin-site",
            "--values", file, "--skip-schema-validation");
        result.Succeeded.Should().BeTrue(result.StandardError);
        return Parse(result.StandardOutput);
    }

    private static List<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().Where(node => node.Children.Count > 0).ToList();
    }

    private static YamlNode Find(List<YamlMappingNode> documents, string kind) =>
        documents.Single(document => document["kind"].ToString() == kind);

    private static List<string> ImagesOf(List<YamlMappingNode> documents) =>
        documents.SelectMany(Scalars).Where(pair => pair.Key == "image").Select(pair => pair.Value).ToList();

    private static IEnumerable<KeyValuePair<string, string>> Scalars(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => pair.Value is YamlScalarNode scalar
            ? [new KeyValuePair<string, string>(pair.Key.ToString(), scalar.Value ?? "")]
            : Scalars(pair.Value)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>Every document as key-ordered JSON, with one scalar value replaced by another.</summary>
    private static string Canonical(List<YamlMappingNode> documents, string replace, string with) =>
        string.Join("\n", documents.Select(document => Canonical(document, replace, with)));

    private static string Canonical(YamlNode node, string replace, string with) => node switch
    {
        YamlScalarNode scalar => JsonSerializer.Serialize(scalar.Value == replace && replace.Length > 0 ? with : scalar.Value),
        YamlSequenceNode sequence => $"[{string.Join(',', sequence.Children.Select(child => Canonical(child, replace, with)))}]",
        YamlMappingNode mapping => "{" + string.Join(',', mapping.Children
            .Select(pair => $"{Canonical(pair.Key, replace, with)}:{Canonical(pair.Value, replace, with)}")
            .Order(StringComparer.Ordinal)) + "}",
        _ => node.ToString(),
    };
}

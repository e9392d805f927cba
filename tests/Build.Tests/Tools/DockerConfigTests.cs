using System.Text.Json.Nodes;
using BuildEngine;
using Tools;

namespace BuildTests.Tools;

public class DockerConfigTests
{
    private string _directory = null!;
    private string ConfigPath => Path.Combine(_directory, "config.json");

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("docker-config-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_missing_config_is_created_with_only_the_helper()
    {
        DockerConfig.UseCredentialHelper(ConfigPath, "123456789012.dkr.ecr.us-east-1.amazonaws.com").Should().BeTrue();

        JsonNode.Parse(File.ReadAllText(ConfigPath))!.ToJsonString()
            .Should().Be("""{"credHelpers":{"123456789012.dkr.ecr.us-east-1.amazonaws.com":"ecr-login"}}""");
    }

    [Test]
    public void Existing_entries_survive_and_a_second_call_changes_nothing()
    {
        File.WriteAllText(ConfigPath, """{"auths":{"a":{"auth":"x"}},"credsStore":"pass","credHelpers":{"b":"gcloud"},"proxies":{"default":{}}}""");

        DockerConfig.UseCredentialHelper(ConfigPath, "r").Should().BeTrue();
        DockerConfig.UseCredentialHelper(ConfigPath, "r").Should().BeFalse();

        var config = JsonNode.Parse(File.ReadAllText(ConfigPath))!;
        config["auths"]!["a"]!["auth"]!.GetValue<string>().Should().Be("x");
        config["credsStore"]!.GetValue<string>().Should().Be("pass");
        config["credHelpers"]!["b"]!.GetValue<string>().Should().Be("gcloud");
        config["credHelpers"]!["r"]!.GetValue<string>().Should().Be("ecr-login");
        config["proxies"].Should().NotBeNull();
    }

    [TestCase("{ not json")]
    [TestCase("[1, 2]")]
    [TestCase("""{"credHelpers": "ecr-login"}""")]
    public void A_malformed_config_is_an_error_and_stays_untouched(string content)
    {
        File.WriteAllText(ConfigPath, content);

        var act = () => DockerConfig.UseCredentialHelper(ConfigPath, "r");

        act.Should().Throw<BuildFailedException>().WithMessage($"{ConfigPath}*");
        File.ReadAllText(ConfigPath).Should().Be(content);
    }

    [TestCase("123456789012.dkr.ecr.eu-west-1.amazonaws.com", true)]
    [TestCase("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", true)]
    [TestCase("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", true)]
    [TestCase("12345.dkr.ecr.eu-west-1.amazonaws.com", false)]
    [TestCase("127.0.0.1:5000", false)]
    [TestCase("evil.com/123456789012.dkr.ecr.eu-west-1.amazonaws.com", false)]
    public void Ecr_hosts_are_recognised(string registry, bool isEcr) =>
        DockerConfig.IsEcrRegistry(registry).Should().Be(isEcr);
}

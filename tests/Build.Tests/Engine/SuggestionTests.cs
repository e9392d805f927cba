using BuildEngine;

namespace BuildTests.Engine;

public class SuggestionTests
{
    private static readonly string[] Targets = ["Clean", "Restore", "Compile", "Test", "DockerBuild", "Push", "Deploy"];

    [TestCase("Tset", "Test")]
    [TestCase("deplyo", "Deploy")]
    [TestCase("docker-bulid", "DockerBuild")]
    [TestCase("Compiel", "Compile")]
    public void Slips_find_the_intended_name(string typed, string expected) =>
        Suggestions.Closest(typed, Targets).Should().Be(expected);

    [TestCase("Kubernetes")]
    [TestCase("xyz")]
    public void Nonsense_finds_nothing(string typed) =>
        Suggestions.Closest(typed, Targets).Should().BeNull();

    [TestCase("RegistryPassword", "registry-password", "REGISTRY_PASSWORD")]
    [TestCase("HTTPPort", "http-port", "HTTP_PORT")]
    [TestCase("AgentUid", "agent-uid", "AGENT_UID")]
    public void Names_are_spelled_per_place(string pascal, string kebab, string snake)
    {
        Naming.ToKebabCase(pascal).Should().Be(kebab);
        Naming.ToUpperSnakeCase(pascal).Should().Be(snake);
    }
}

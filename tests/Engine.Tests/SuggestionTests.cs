using BuildEngine;

namespace EngineTests;

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
}

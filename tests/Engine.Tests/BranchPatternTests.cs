using BuildEngine;

namespace EngineTests;

public class BranchPatternTests
{
    [TestCase("develop", "develop", true)]
    [TestCase("develop", "Develop", false)]
    [TestCase("release/*", "release/1.2", true)]
    [TestCase("release/*", "release/1.2/hotfix", false)]
    [TestCase("release/**", "release/1.2/hotfix", true)]
    [TestCase("v?", "v1", true)]
    [TestCase("v?", "v10", false)]
    [TestCase("a.b", "axb", false)]
    public void Patterns_match_like_jenkins_branch_conditions(string pattern, string branch, bool matches) =>
        BranchPattern.Matches(pattern, branch).Should().Be(matches);

    [TestCase("origin/develop", "develop")]
    [TestCase("refs/heads/feature/x", "feature/x")]
    [TestCase("refs/remotes/origin/main", "main")]
    [TestCase("feature/x", "feature/x")]
    [TestCase("HEAD", null)]
    [TestCase("  ", null)]
    [TestCase(null, null)]
    public void Branch_names_are_normalised(string? input, string? expected) =>
        BranchPattern.Normalize(input).Should().Be(expected);

    [TestCase("develop", null)]
    [TestCase("release/**", null)]
    [TestCase("dev\nelop", @"contains a control character (\n)")]
    [TestCase("dev\u0000", @"contains a control character (\u0000)")]
    public void Patterns_with_control_characters_are_refused(string pattern, string? problem) =>
        BranchPattern.Problem(pattern).Should().Be(problem);
}

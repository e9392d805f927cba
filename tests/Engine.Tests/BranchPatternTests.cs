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
}

using System.Text.RegularExpressions;
using Jenkins;

namespace BuildTests.Jenkins;

/// <summary>
/// Reads a written Jenkinsfile back into stages, independently of the writer's code: the test that the model the E2E
/// rehearsal runs and the file Jenkins runs say the same compares the two.
/// </summary>
internal static partial class JenkinsfileStructure
{
    public static IReadOnlyList<JenkinsStage> Stages(string jenkinsfile)
    {
        var starts = StageHeader().Matches(jenkinsfile).ToList();
        return starts.Select((match, index) =>
        {
            var end = index + 1 < starts.Count ? starts[index + 1].Index : jenkinsfile.Length;
            var body = jenkinsfile[match.Index..end];
            var commands = Sh().Matches(body).Select(found => Unquote(found.Groups[1].Value)).ToList();
            commands.Should().ContainSingle("every stage is one sh step");
            var name = Unquote(match.Groups[1].Value);
            var inAgent = body.Contains("dockerfile {", StringComparison.Ordinal);
            if (inAgent)
            {
                AgentArguments().Match(body).Groups[1].Value.Should().Be(JenkinsPipeline.AgentBuildArguments);
                JUnit().Match(body).Groups[1].Value.Should().Be(JenkinsPipeline.TestResults);
            }
            var stage = new JenkinsStage(name, Branch().Matches(body).Select(found => Unquote(found.Groups[1].Value)).ToList(), inAgent)
            {
                Credentials = Binding().Matches(body).Select(found => new JenkinsCredential(
                    found.Groups[1].Value == "file" ? CredentialKind.File : CredentialKind.Text, Unquote(found.Groups[2].Value), Unquote(found.Groups[3].Value))).ToList(),
                Lock = Lock().Match(body) is { Success: true } held ? Unquote(held.Groups[1].Value) : null,
                Artifacts = Archive().Match(body) is { Success: true } archive ? Unquote(archive.Groups[1].Value).Split(',') : [],
            };
            commands[0].Should().Be(stage.Command, $"stage {name} runs its target as the model says");
            return stage;
        }).ToList();
    }

    private static string Unquote(string literal) => literal.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    private const string Literal = @"'((?:[^'\\]|\\.)*)'";

    [GeneratedRegex(@"stage\(" + Literal + @"\) \{")]
    private static partial Regex StageHeader();

    [GeneratedRegex(@"\bsh " + Literal)]
    private static partial Regex Sh();

    [GeneratedRegex(@"\bbranch " + Literal)]
    private static partial Regex Branch();

    [GeneratedRegex(@"additionalBuildArgs " + Literal)]
    private static partial Regex AgentArguments();

    [GeneratedRegex(@"junit testResults: " + Literal)]
    private static partial Regex JUnit();

    [GeneratedRegex(@"\b(string|file)\(credentialsId: " + Literal + ", variable: " + Literal + @"\)")]
    private static partial Regex Binding();

    [GeneratedRegex(@"lock\(resource: " + Literal + @"\) \{")]
    private static partial Regex Lock();

    [GeneratedRegex(@"archiveArtifacts artifacts: " + Literal)]
    private static partial Regex Archive();
}

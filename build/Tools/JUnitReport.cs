using System.Xml.Linq;

namespace Tools;

/// <summary>One failed test: its name and the first line of its message, enough to know where to look.</summary>
public sealed record FailedTest(string Name, string Message);

/// <summary>
/// The totals and failures of one test assembly, read back from the JUnit XML that Jenkins publishes, so the
/// console summary and Jenkins never disagree.
/// </summary>
public sealed record JUnitReport(string Assembly, int Passed, int Failed, int Skipped, TimeSpan Time, IReadOnlyList<FailedTest> Failures)
{
    public static JUnitReport Load(string path)
    {
        var document = XDocument.Load(path);
        var suites = document.Descendants("testsuite").ToList();
        int Sum(string attribute) => suites.Sum(suite => (int?)suite.Attribute(attribute) ?? 0);
        var failed = Sum("failures") + Sum("errors");
        var failures = document.Descendants("testcase")
            .Select(testCase => (testCase, problem: testCase.Element("failure") ?? testCase.Element("error")))
            .Where(pair => pair.problem is not null)
            .Select(pair => new FailedTest((string?)pair.testCase.Attribute("name") ?? "(unnamed)", FirstLine(pair.problem!)))
            .ToList();
        return new JUnitReport(
            Path.GetFileNameWithoutExtension(path),
            Sum("tests") - failed - Sum("skipped"),
            failed,
            Sum("skipped"),
            TimeSpan.FromSeconds(suites.Sum(suite => (double?)suite.Attribute("time") ?? 0)),
            failures);
    }

    private static string FirstLine(XElement problem)
    {
        var text = (string?)problem.Attribute("message") is { Length: > 0 } message ? message : problem.Value;
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
    }
}

using Tools;

namespace BuildTests.Tools;

public class GoDurationTests
{
    [TestCase("5m", 300)]
    [TestCase("90s", 90)]
    [TestCase("1h30m", 5400)]
    [TestCase("1.5h", 5400)]
    [TestCase("500ms", 0.5)]
    [TestCase("2m30s", 150)]
    public void Durations_that_go_reads(string text, double seconds)
    {
        GoDuration.Parse(text)!.Value.TotalSeconds.Should().BeApproximately(seconds, 1e-9);
        GoDuration.Positive.Problem(text).Should().BeNull();
    }

    [TestCase("forever", "")]
    [TestCase("300", "it has no unit (ns, us, ms, s, m or h)")]
    [TestCase("0", "it has no unit (ns, us, ms, s, m or h)")]
    [TestCase("0s", "it must be longer than zero")]
    [TestCase("-5m", "")]
    [TestCase("5 m", "")]
    [TestCase("5M", "")]
    [TestCase("5m\n", "")]
    [TestCase("", "")]
    public void Anything_else_is_refused(string text, string problem) =>
        GoDuration.Positive.Problem(text).Should().Be(problem);
}

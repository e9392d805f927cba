using Tools;

namespace BuildTests.Tools;

public class JUnitReportTests
{
    private string _file = null!;

    [SetUp]
    public void CreateFile() => _file = Path.Combine(Directory.CreateTempSubdirectory("junit-report-").FullName, "Chart.Tests.xml");

    [TearDown]
    public void DeleteFile() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Test]
    public void Totals_and_failures_come_from_the_xml()
    {
        File.WriteAllText(_file, """
            <testsuites>
              <testsuite name="Chart.Tests.dll" tests="5" skipped="1" failures="1" errors="1" time="2.5">
                <testcase classname="C" name="C.Passes" time="0.1" />
                <testcase classname="C" name="C.Asserts" time="0.1"><failure message="Expected 1&#10;but found 2" type="failure">stack</failure></testcase>
                <testcase classname="C" name="C.Throws" time="0.1"><error>
                  TearDown : Address already in use
                  at Somewhere()</error></testcase>
                <testcase classname="C" name="C.Skipped" time="0"><skipped /></testcase>
                <testcase classname="C" name="C.AlsoPasses" time="0.1" />
              </testsuite>
            </testsuites>
            """);

        var report = JUnitReport.Load(_file);

        report.Assembly.Should().Be("Chart.Tests");
        (report.Passed, report.Failed, report.Skipped).Should().Be((2, 2, 1));
        report.Time.Should().Be(TimeSpan.FromSeconds(2.5));
        report.Failures.Should().Equal(
            new FailedTest("C.Asserts", "Expected 1"),
            new FailedTest("C.Throws", "TearDown : Address already in use"));
    }

    [Test]
    public void A_green_run_has_no_failures()
    {
        File.WriteAllText(_file, """<testsuites><testsuite tests="1" failures="0" errors="0" skipped="0" time="0.1"><testcase name="C.Passes" /></testsuite></testsuites>""");

        JUnitReport.Load(_file).Failures.Should().BeEmpty();
    }
}

using Tools;

namespace BuildTests.Tools;

public class SiteVersionTests
{
    [TestCase("0.1.0", true)]
    [TestCase("1.2.1-alpha.0.3", true)]
    [TestCase("10.20.30-rc.1", true)]
    [TestCase("0.0.0-alpha.0", true)]
    [TestCase("v1.2.0", false)]
    [TestCase("1.2", false)]
    [TestCase("01.2.0", false)]
    [TestCase("1.2.0-01", false)]
    [TestCase("1.2.0+sha.abc", false)]
    [TestCase("1.2.0\n", false)]
    [TestCase("", false)]
    public void Versions_are_SemVer_as_MinVer_writes_them(string version, bool valid) =>
        SiteVersion.IsValid(version).Should().Be(valid);

    [Test]
    public void The_compiled_version_is_read_from_the_assembly_and_a_missing_one_is_null()
    {
        SiteVersion.Of(typeof(SiteVersionTests).Assembly.Location).Should().NotBeNullOrEmpty();
        SiteVersion.Of(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "AdminSite.dll")).Should().BeNull();
    }
}

using BuildEngine;
using Tools;

namespace BuildTests.Tools;

public class DeployStampTests
{
    private AbsolutePath _chart = null!;

    [SetUp]
    public void Chart()
    {
        _chart = AbsolutePath.Create(Directory.CreateTempSubdirectory("deploy-stamp-").FullName);
        Directory.CreateDirectory(_chart / "templates");
        File.WriteAllText(_chart / "Chart.yaml", "name: x\n");
        File.WriteAllText(_chart / "templates" / "deployment.yaml", "kind: Deployment\n");
    }

    [TearDown]
    public void Delete() => Directory.Delete(_chart, recursive: true);

    private DeployStamp Of(string repository = "r/admin-site") => DeployStamp.Of(new string('a', 40), _chart, [], repository);

    [Test]
    public void A_stamp_reads_back_from_the_description_it_writes()
    {
        var stamp = Of();

        DeployStamp.Parse(stamp.ToString()).Should().Be(stamp);
        stamp.ToString().Should().StartWith($"Deployed by ./build.sh Deploy: commit {new string('a', 40)}, chart and values sha256:");
    }

    [TestCase(null)]
    [TestCase("Upgrade complete")]
    [TestCase("Rollback to 3")]
    [TestCase("Deployed by ./build.sh Deploy: something else")]
    public void Descriptions_helm_or_people_wrote_are_no_stamp(string? description) =>
        DeployStamp.Parse(description).Should().BeNull();

    [Test]
    public void The_same_inputs_give_the_same_stamp_and_any_change_another()
    {
        var before = Of();

        Of().Should().Be(before);
        Of("other-registry/admin-site").Should().NotBe(before);
        File.WriteAllText(_chart / "templates" / "deployment.yaml", "kind: Deployment\nspec: {}\n");
        Of().Should().NotBe(before);
    }

    [Test]
    public void Renaming_a_chart_file_changes_the_stamp()
    {
        var before = Of();

        File.Move(_chart / "templates" / "deployment.yaml", _chart / "templates" / "other.yaml");

        Of().Should().NotBe(before);
    }
}

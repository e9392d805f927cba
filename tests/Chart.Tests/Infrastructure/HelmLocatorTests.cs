namespace Chart.Tests.Infrastructure;

/// <summary>
/// The tests find each helm major through HELM4_PATH / HELM3_PATH or the pinned copies in .nuke/temp/tools, and fail
/// saying how to install it otherwise.
/// </summary>
[TestFixture]
public class HelmLocatorTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("chart-tests-locator-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_variable_of_the_major_wins_over_the_installed_copy()
    {
        var pinned = FakeExecutable("pinned-helm");
        Installed("v4.1.4");

        HelmLocator.Find(4, Environment(("HELM4_PATH", pinned)), _root).Should().Be(pinned);
    }

    [Test]
    public void The_newest_installed_copy_of_the_major_is_used()
    {
        Installed("v4.9.0");
        var newest = Installed("v4.10.1");
        Installed("v3.17.3");

        HelmLocator.Find(4, Environment(), _root).Should().Be(newest);
    }

    [Test]
    public void A_missing_major_fails_with_the_install_command()
    {
        Installed("v3.17.3");

        var find = () => HelmLocator.Find(4, Environment(), _root);

        find.Should().Throw<HelmNotFoundException>().WithMessage("No Helm 4 for the tests: HELM4_PATH is not set*./build.sh Prerequisites*pinned Helm 4*");
    }

    [Test]
    public void A_wrong_variable_fails_instead_of_falling_back_to_the_installed_copy()
    {
        Installed("v3.17.3");

        var find = () => HelmLocator.Find(3, Environment(("HELM3_PATH", Path.Combine(_root, "nope"))), _root);

        find.Should().Throw<HelmNotFoundException>().WithMessage("HELM3_PATH is '*nope', which is not an executable file.*./build.sh Prerequisites*");
    }

    private string Installed(string version)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, ".nuke", "temp", "tools", $"helm-{version}")).FullName;
        return FakeExecutable(Path.Combine(directory, "helm"));
    }

    private string FakeExecutable(string name)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}

namespace Chart.Tests.Infrastructure;

/// <summary>The tests find helm through HELM_PATH or PATH, and fail saying how to install it otherwise.</summary>
[TestFixture]
public class HelmLocatorTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("chart-tests-locator-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void HELM_PATH_wins_over_PATH()
    {
        var pinned = FakeExecutable("pinned-helm");
        var onPath = FakeExecutable("helm");

        HelmLocator.Find(Environment(("HELM_PATH", pinned), ("PATH", Path.GetDirectoryName(onPath)!))).Should().Be(pinned);
    }

    [Test]
    public void The_first_executable_helm_on_PATH_is_used()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_directory, "empty")).FullName;
        var notExecutable = Path.Combine(Directory.CreateDirectory(Path.Combine(_directory, "plain")).FullName, "helm");
        File.WriteAllText(notExecutable, "");
        var helm = FakeExecutable("helm");

        HelmLocator.Find(Environment(("PATH", string.Join(Path.PathSeparator, empty, Path.GetDirectoryName(notExecutable), _directory))))
            .Should().Be(helm);
    }

    [Test]
    public void A_missing_helm_fails_with_the_install_command()
    {
        var find = () => HelmLocator.Find(Environment(("PATH", _directory)));

        find.Should().Throw<HelmNotFoundException>().WithMessage("*not found on PATH*./build.sh Prerequisites*HELM_PATH*");
    }

    [Test]
    public void A_wrong_HELM_PATH_fails_instead_of_falling_back_to_PATH()
    {
        FakeExecutable("helm");
        var find = () => HelmLocator.Find(Environment(("HELM_PATH", Path.Combine(_directory, "nope")), ("PATH", _directory)));

        find.Should().Throw<HelmNotFoundException>().WithMessage("HELM_PATH is '*nope'*./build.sh Prerequisites*");
    }

    [Test]
    public void The_helm_the_tests_use_is_version_3()
    {
        var result = Helm.Instance.Run("version", "--template", "{{ .Version }}");

        result.Succeeded.Should().BeTrue(result.ToString());
        result.StdOut.Should().StartWith("v3.");
    }

    private string FakeExecutable(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}

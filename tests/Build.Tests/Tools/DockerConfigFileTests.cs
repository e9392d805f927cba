using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using BuildEngine;
using Tools;

namespace BuildTests.Tools;

/// <summary>
/// How the credential-helper merge treats the file itself: its mode (it may hold <c>auths</c> tokens), a symbolic
/// link to it, a write that is replaced in one step, and every shape of file docker accepts or a person may leave.
/// </summary>
[UnsupportedOSPlatform("windows")] // Unix file modes and symbolic links, as on the Linux agents.
public class DockerConfigFileTests
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private string _directory = null!;
    private string ConfigPath => Path.Combine(_directory, "config.json");

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("docker-config-file-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void An_owner_only_config_stays_owner_only()
    {
        File.WriteAllText(ConfigPath, """{"auths":{"registry.example.com":{"auth":"dXNlcjpzZWNyZXQ="}}}""");
        File.SetUnixFileMode(ConfigPath, OwnerOnly);

        DockerConfig.UseCredentialHelper(ConfigPath, Registry).Should().BeTrue();

        File.GetUnixFileMode(ConfigPath).Should().Be(OwnerOnly, "the auths tokens must not become readable by other users");
    }

    [Test]
    public void Any_other_mode_is_kept_as_it_was()
    {
        var mode = OwnerOnly | UnixFileMode.GroupRead;
        File.WriteAllText(ConfigPath, "{}");
        File.SetUnixFileMode(ConfigPath, mode);

        DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        File.GetUnixFileMode(ConfigPath).Should().Be(mode);
    }

    [Test]
    public void A_new_config_is_readable_by_its_owner_only_in_a_folder_of_its_own()
    {
        var path = Path.Combine(_directory, ".docker", "config.json");

        DockerConfig.UseCredentialHelper(path, Registry).Should().BeTrue();

        File.GetUnixFileMode(path).Should().Be(OwnerOnly, "docker itself creates config.json as 0600");
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(OwnerOnly | UnixFileMode.UserExecute);
    }

    [Test]
    public void A_symlinked_config_stays_a_link_and_its_target_is_updated()
    {
        var dotfiles = Directory.CreateDirectory(Path.Combine(_directory, "dotfiles")).FullName;
        var target = Path.Combine(dotfiles, "docker-config.json");
        File.WriteAllText(target, """{"credsStore":"pass"}""");
        File.SetUnixFileMode(target, OwnerOnly);
        File.CreateSymbolicLink(ConfigPath, "dotfiles/docker-config.json");

        DockerConfig.UseCredentialHelper(ConfigPath, Registry).Should().BeTrue();

        new FileInfo(ConfigPath).LinkTarget.Should().Be("dotfiles/docker-config.json");
        var config = JsonNode.Parse(File.ReadAllText(target))!;
        config["credsStore"]!.GetValue<string>().Should().Be("pass");
        config["credHelpers"]![Registry]!.GetValue<string>().Should().Be(DockerConfig.EcrHelper);
        File.GetUnixFileMode(target).Should().Be(OwnerOnly);
        Directory.GetFiles(_directory).Should().Equal([ConfigPath], "the new content is written beside the target, not beside the link");
    }

    [Test]
    public void A_link_through_several_links_updates_the_final_file()
    {
        var target = Path.Combine(_directory, "real.json");
        File.WriteAllText(target, "{}");
        File.CreateSymbolicLink(Path.Combine(_directory, "middle.json"), target);
        File.CreateSymbolicLink(ConfigPath, Path.Combine(_directory, "middle.json"));

        DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        new FileInfo(ConfigPath).LinkTarget.Should().NotBeNull();
        new FileInfo(Path.Combine(_directory, "middle.json")).LinkTarget.Should().Be(target);
        File.ReadAllText(target).Should().Contain(Registry);
    }

    [Test]
    public void A_dangling_link_gets_its_target_created()
    {
        var target = Path.Combine(_directory, "not-yet.json");
        File.CreateSymbolicLink(ConfigPath, target);

        DockerConfig.UseCredentialHelper(ConfigPath, Registry).Should().BeTrue();

        new FileInfo(ConfigPath).LinkTarget.Should().Be(target);
        File.ReadAllText(target).Should().Contain(Registry);
        File.GetUnixFileMode(target).Should().Be(OwnerOnly);
    }

    [Test]
    public void The_file_is_replaced_in_one_step_not_rewritten_in_place()
    {
        File.WriteAllText(ConfigPath, "{}");
        // A second name for the old file: an in-place rewrite would change what it shows, a rename does not.
        var oldFile = Path.Combine(_directory, "old-inode");
        HardLink(ConfigPath, oldFile);

        DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        File.ReadAllText(oldFile).Should().Be("{}", "readers of the old file never see a half-written one");
        File.ReadAllText(ConfigPath).Should().Contain(Registry);
        Directory.GetFiles(_directory).Order().Should().Equal([ConfigPath, oldFile], "no temporary file is left behind");
    }

    [Test]
    public void A_file_planted_at_a_predictable_temporary_name_is_neither_followed_nor_touched()
    {
        var victim = Path.Combine(_directory, "victim");
        File.WriteAllText(victim, "precious");
        File.WriteAllText(ConfigPath, "{}");
        File.CreateSymbolicLink(ConfigPath + ".tmp", victim);

        DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        File.ReadAllText(victim).Should().Be("precious");
        new FileInfo(ConfigPath + ".tmp").LinkTarget.Should().Be(victim);
        File.ReadAllText(ConfigPath).Should().Contain(Registry);
    }

    [TestCase("")]
    [TestCase("  \n")]
    public void An_empty_file_is_an_empty_config_as_docker_reads_it(string content)
    {
        File.WriteAllText(ConfigPath, content);

        DockerConfig.UseCredentialHelper(ConfigPath, Registry).Should().BeTrue();

        JsonNode.Parse(File.ReadAllText(ConfigPath))!.ToJsonString().Should().Be("{\"credHelpers\":{\"" + Registry + "\":\"ecr-login\"}}");
    }

    [TestCase("""{"auths": {}, "auths": {"a": {}}}""", "'auths'")]
    [TestCase("""{"credHelpers": {"r": "x", "r": "y"}}""", "'credHelpers.r'")]
    public void Duplicate_keys_are_reported_by_name_and_the_file_is_left_untouched(string content, string key)
    {
        File.WriteAllText(ConfigPath, content);

        var act = () => DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        act.Should().Throw<BuildFailedException>()
            .WithMessage($"{ConfigPath} holds the key {key} twice*left untouched*");
        File.ReadAllText(ConfigPath).Should().Be(content);
    }

    [TestCase("null", "must hold a JSON object")]
    [TestCase("\"text\"", "must hold a JSON object")]
    [TestCase("""{"credHelpers": ["ecr-login"]}""", "'credHelpers' must be an object")]
    [TestCase("""{"a": 1} {"b": 2}""", "is not valid JSON")]
    public void Other_malformed_files_are_reported_and_left_untouched(string content, string problem)
    {
        File.WriteAllText(ConfigPath, content);

        var act = () => DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        act.Should().Throw<BuildFailedException>().WithMessage($"{ConfigPath}*{problem}*");
        File.ReadAllText(ConfigPath).Should().Be(content);
    }

    [Test]
    public void Bytes_that_are_not_utf8_are_reported_instead_of_being_rewritten_as_replacement_characters()
    {
        byte[] content = [.. "{\"auths\":{\"a\":{\"auth\":\""u8, 0xff, 0xfe, .. "\"}}}"u8];
        File.WriteAllBytes(ConfigPath, content);

        var act = () => DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        act.Should().Throw<BuildFailedException>().WithMessage($"{ConfigPath}*UTF-8*");
        File.ReadAllBytes(ConfigPath).Should().Equal(content);
    }

    [Test]
    public void A_folder_where_the_file_should_be_is_a_clear_error()
    {
        Directory.CreateDirectory(ConfigPath);

        var act = () => DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        act.Should().Throw<BuildFailedException>().WithMessage($"{ConfigPath} is a folder*");
    }

    [Test]
    public void An_unreadable_file_is_a_clear_error()
    {
        // Root reads any file whatever its mode: /proc/self/mem is one that exists and fails every read from offset 0.
        File.CreateSymbolicLink(ConfigPath, "/proc/self/mem");

        var act = () => DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        act.Should().Throw<BuildFailedException>().WithMessage($"{ConfigPath} cannot be read (*)*left untouched*");
    }

    [Test]
    public void A_loop_of_links_is_a_clear_error()
    {
        File.CreateSymbolicLink(ConfigPath, Path.Combine(_directory, "other.json"));
        File.CreateSymbolicLink(Path.Combine(_directory, "other.json"), ConfigPath);

        var act = () => DockerConfig.UseCredentialHelper(ConfigPath, Registry);

        act.Should().Throw<BuildFailedException>().WithMessage($"{ConfigPath} cannot be read (*)*left untouched*");
    }

    [Test]
    public void A_folder_that_cannot_be_made_is_a_clear_error()
    {
        var file = Path.Combine(_directory, "plain-file");
        File.WriteAllText(file, "");
        var path = Path.Combine(file, ".docker", "config.json");

        var act = () => DockerConfig.UseCredentialHelper(path, Registry);

        act.Should().Throw<BuildFailedException>().WithMessage($"{path} cannot be written (*)*");
    }

    private static void HardLink(string existing, string link)
    {
        var result = System.Diagnostics.Process.Start("ln", [existing, link])!;
        result.WaitForExit();
        result.ExitCode.Should().Be(0);
    }
}

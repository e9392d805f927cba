using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Commands;

/// <summary>Every command that takes a password reads it from the environment or a file, never from the command line (which <c>ps</c> shows).</summary>
[TestFixture]
public sealed class PasswordFileTests
{
    private CommandHost _host = null!;
    private string _folder = null!;

    [SetUp]
    public void CreateHost()
    {
        _host = new CommandHost();
        _folder = Directory.CreateTempSubdirectory("admin-site-secrets-").FullName;
    }

    [TearDown]
    public async Task DisposeHostAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Createsuperuser_reads_the_password_from_the_file_it_is_given()
    {
        await _host.MigrateAsync();
        var console = new ScriptedConsole();

        var code = await _host.RunAsync(console, null, "createsuperuser", "--no-input", "--username", "filed", "--password-file", Secret("From-A-Mounted-Secret\n"));

        code.Should().Be(0, console.AllErrors);
        (await _host.CheckPasswordAsync("filed", "From-A-Mounted-Secret")).Should().BeTrue("one trailing line break is not part of the password");
    }

    [Test]
    public async Task Createsuperuser_without_input_and_the_bootstrap_read_Bootstrap_AdminPasswordFile()
    {
        await _host.MigrateAsync();
        var console = new ScriptedConsole();
        var settings = new Dictionary<string, string?> { ["Bootstrap:AdminPasswordFile"] = Secret("Kept-In-A-File-42") };

        var code = await _host.RunAsync(console, settings, "createsuperuser", "--no-input", "--username", "from.setting");

        code.Should().Be(0, console.AllErrors);
        (await _host.CheckPasswordAsync("from.setting", "Kept-In-A-File-42")).Should().BeTrue();
    }

    [Test]
    public async Task Changepassword_reads_the_new_password_from_a_file_without_asking()
    {
        await _host.MigrateAsync();
        (await _host.RunAsync(new ScriptedConsole(), new() { ["Bootstrap:AdminPassword"] = "Seriously-Long-Secret" },
            "createsuperuser", "--no-input", "--username", "erin")).Should().Be(0);
        var console = new ScriptedConsole();

        var code = await _host.RunAsync(console, null, "changepassword", "erin", "--password-file", Secret("Rotated-By-Script-7\r\n"));

        code.Should().Be(0, console.AllErrors);
        (await _host.CheckPasswordAsync("erin", "Rotated-By-Script-7")).Should().BeTrue();
    }

    [Test]
    public async Task Changepassword_generates_a_password_prints_it_once_and_it_works()
    {
        await _host.MigrateAsync();
        (await _host.RunAsync(new ScriptedConsole(), new() { ["Bootstrap:AdminPassword"] = "Seriously-Long-Secret" },
            "createsuperuser", "--no-input", "--username", "frank")).Should().Be(0);
        var console = new ScriptedConsole();

        var code = await _host.RunAsync(console, null, "changepassword", "frank", "--generate");

        code.Should().Be(0, console.AllErrors);
        var line = console.Output.Should().ContainSingle(text => text.StartsWith("The new password of 'frank', shown only this once: ", StringComparison.Ordinal)).Subject;
        var password = line[(line.LastIndexOf(' ') + 1)..];
        password.Should().HaveLength(24);
        (await _host.CheckPasswordAsync("frank", password)).Should().BeTrue();
        (await _host.CheckPasswordAsync("frank", "Seriously-Long-Secret")).Should().BeFalse();
    }

    [TestCase("missing")]
    [TestCase("empty")]
    public async Task A_password_file_that_is_missing_or_empty_fails_clearly(string kind)
    {
        await _host.MigrateAsync();
        var path = kind == "missing" ? Path.Combine(_folder, "nope") : Secret("\n");
        var console = new ScriptedConsole();

        var code = await _host.RunAsync(console, null, "createsuperuser", "--no-input", "--username", "nobody", "--password-file", path);

        code.Should().Be(1);
        console.AllErrors.Should().Contain(path).And.Contain(kind == "missing" ? "cannot be read" : "is empty");
        (await _host.FindUserAsync("nobody")).Should().BeNull();
    }

    [Test]
    public async Task The_bootstrap_on_start_reads_the_password_file()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminPassword"] = "",
            ["Bootstrap:AdminPasswordFile"] = Secret("Bootstrap-From-File-9\n"),
        });

        (await site.SignedInAsync(AdminSiteFactory.AdminUserName, "Bootstrap-From-File-9")).Dispose();
    }

    private string Secret(string content)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }
}

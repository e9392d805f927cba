using AdminSite.Commands;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Commands;

[TestFixture]
public sealed class CommandTests
{
    private CommandHost _host = null!;

    [SetUp]
    public void CreateHost() => _host = new CommandHost();

    [TearDown]
    public async Task DisposeHostAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Migrate_creates_the_database_and_then_has_nothing_to_do()
    {
        var first = new ScriptedConsole();
        var second = new ScriptedConsole();

        (await _host.RunAsync(first, null, "migrate")).Should().Be(0);
        (await _host.RunAsync(second, null, "migrate")).Should().Be(0);

        File.Exists(_host.DatabasePath).Should().BeTrue("the folder and file are created");
        first.AllOutput.Should().Contain("Applying").And.Contain("Migrations applied.");
        second.AllOutput.Should().Contain("No migrations to apply.");
    }

    [Test]
    public async Task Createsuperuser_without_input_reads_the_bootstrap_section()
    {
        await _host.MigrateAsync();
        var console = new ScriptedConsole();

        var code = await _host.RunAsync(console, new()
        {
            ["Bootstrap:AdminUserName"] = "ops",
            ["Bootstrap:AdminEmail"] = "ops@example.com",
            ["Bootstrap:AdminPassword"] = "Seriously-Long-Secret",
        }, "createsuperuser", "--no-input");

        code.Should().Be(0, console.AllErrors);
        var user = await _host.FindUserAsync("ops");
        user.Should().NotBeNull();
        (user!.IsSuperuser, user.IsStaff, user.IsActive, user.Email).Should().Be((true, true, true, "ops@example.com"));
        (await _host.CheckPasswordAsync("ops", "Seriously-Long-Secret")).Should().BeTrue();
    }

    [Test]
    public async Task Createsuperuser_without_input_fails_clearly_without_a_password()
    {
        await _host.MigrateAsync();
        var console = new ScriptedConsole();

        var code = await _host.RunAsync(console, new() { ["Bootstrap:AdminUserName"] = "ops" }, "createsuperuser", "--no-input");

        code.Should().Be(1);
        console.AllErrors.Should().Contain("Bootstrap__AdminPassword");
        (await _host.FindUserAsync("ops")).Should().BeNull();
    }

    [TestCase("password", "This password is too common.")]
    [TestCase("12345678901", "This password is entirely numeric.")]
    public async Task Createsuperuser_without_input_refuses_a_weak_password(string password, string error)
    {
        await _host.MigrateAsync();
        var console = new ScriptedConsole();

        var code = await _host.RunAsync(console, new() { ["Bootstrap:AdminPassword"] = password }, "createsuperuser", "--no-input", "--username", "weak");

        code.Should().Be(1);
        console.AllErrors.Should().Contain(error);
        (await _host.FindUserAsync("weak")).Should().BeNull();
    }

    [Test]
    public async Task Createsuperuser_without_input_refuses_a_taken_name_and_a_bad_email()
    {
        await _host.MigrateAsync();
        var settings = new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "Seriously-Long-Secret" };
        (await _host.RunAsync(new ScriptedConsole(), settings, "createsuperuser", "--no-input", "--username", "twice")).Should().Be(0);

        var again = new ScriptedConsole();
        var badEmail = new ScriptedConsole();
        (await _host.RunAsync(again, settings, "createsuperuser", "--no-input", "--username", "twice")).Should().Be(1);
        (await _host.RunAsync(badEmail, settings, "createsuperuser", "--no-input", "--username", "other", "--email", "nope")).Should().Be(1);

        again.AllErrors.Should().Contain("A user with that username already exists.");
        badEmail.AllErrors.Should().Contain("is not a valid email address");
    }

    [Test]
    public async Task Createsuperuser_asks_again_until_the_answers_are_valid()
    {
        await _host.MigrateAsync();
        (await _host.RunAsync(new ScriptedConsole(), new() { ["Bootstrap:AdminPassword"] = "Seriously-Long-Secret" },
            "createsuperuser", "--no-input", "--username", "taken")).Should().Be(0);
        var console = new ScriptedConsole(
            "taken", "bad name!", "alice",
            "not-an-email", "alice@example.com",
            "Mismatch-Phrase-1", "Mismatch-Phrase-2",
            "password", "password",
            "Alice-Strong-Phrase", "Alice-Strong-Phrase");

        var code = await _host.RunAsync(console, null, "createsuperuser");

        code.Should().Be(0, console.AllErrors);
        console.AllErrors.Should().Contain("That username is already taken.")
            .And.Contain("Enter a valid username.")
            .And.Contain("Enter a valid email address.")
            .And.Contain("Your passwords didn't match.")
            .And.Contain("This password is too common.");
        console.AllOutput.Should().Contain("Superuser 'alice' created successfully.");
        (await _host.CheckPasswordAsync("alice", "Alice-Strong-Phrase")).Should().BeTrue();
    }

    [Test]
    public async Task Createsuperuser_offers_the_bootstrap_name_and_stops_when_input_ends()
    {
        await _host.MigrateAsync();
        var blank = new ScriptedConsole("", "", "Default-Name-Phrase", "Default-Name-Phrase");
        var cut = new ScriptedConsole("bob");

        (await _host.RunAsync(blank, null, "createsuperuser")).Should().Be(0, blank.AllErrors);
        (await _host.RunAsync(cut, null, "createsuperuser")).Should().Be(1);

        (await _host.FindUserAsync("admin")).Should().NotBeNull("a blank answer takes the suggested name");
        cut.AllErrors.Should().Contain("Input ended");
        (await _host.FindUserAsync("bob")).Should().BeNull();
    }

    [Test]
    public async Task Changepassword_sets_a_new_password_after_retries()
    {
        await _host.MigrateAsync();
        (await _host.RunAsync(new ScriptedConsole(), new() { ["Bootstrap:AdminPassword"] = "Seriously-Long-Secret" },
            "createsuperuser", "--no-input", "--username", "carol")).Should().Be(0);
        var console = new ScriptedConsole("Brand-New-Phrase", "Typo-Phrase", "Brand-New-Phrase", "Brand-New-Phrase");

        var code = await _host.RunAsync(console, null, "changepassword", "carol");

        code.Should().Be(0, console.AllErrors);
        console.AllErrors.Should().Contain("Passwords do not match.");
        (await _host.CheckPasswordAsync("carol", "Brand-New-Phrase")).Should().BeTrue();
    }

    [Test]
    public async Task Changepassword_gives_up_after_three_attempts_and_reports_unknown_users()
    {
        await _host.MigrateAsync();
        (await _host.RunAsync(new ScriptedConsole(), new() { ["Bootstrap:AdminPassword"] = "Seriously-Long-Secret" },
            "createsuperuser", "--no-input", "--username", "dave")).Should().Be(0);
        var weak = new ScriptedConsole("password", "password", "a", "b", "123", "123");
        var unknown = new ScriptedConsole();
        var usage = new ScriptedConsole();

        (await _host.RunAsync(weak, null, "changepassword", "dave")).Should().Be(1);
        (await _host.RunAsync(unknown, null, "changepassword", "nobody")).Should().Be(1);
        (await _host.RunAsync(usage, null, "changepassword")).Should().Be(2);

        weak.AllErrors.Should().Contain("after 3 attempts");
        unknown.AllErrors.Should().Contain("User 'nobody' does not exist.");
        usage.AllErrors.Should().Contain("Usage: changepassword <username>");
        (await _host.CheckPasswordAsync("dave", "Seriously-Long-Secret")).Should().BeTrue();
    }

    [Test]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var console = new ScriptedConsole();

        (await _host.RunAsync(console, null, "frobnicate")).Should().Be(AdminCommands.UsageError);

        console.AllErrors.Should().Contain("Unknown command 'frobnicate'").And.Contain("migrate, createsuperuser, changepassword, healthcheck");
    }

    [Test]
    public void Arguments_starting_with_a_dash_are_server_options_not_commands()
    {
        AdminCommands.IsCommand(["--urls", "http://127.0.0.1:8080"]).Should().BeFalse();
        AdminCommands.IsCommand([]).Should().BeFalse();
        AdminCommands.IsCommand(["migrate"]).Should().BeTrue();
        AdminCommands.HostArguments(["createsuperuser", "--no-input"]).Should().NotContain("--no-input")
            .And.OnlyContain(a => a.StartsWith("--Logging:", StringComparison.Ordinal));
        AdminCommands.HostArguments(["--urls", "x"]).Should().Equal("--urls", "x");
    }
}

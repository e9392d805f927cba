using AdminSite.Bootstrap;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace AdminSite.Tests.Bootstrap;

/// <summary>The first superuser, made on start while there are no users.</summary>
[TestFixture]
public sealed class BootstrapTests
{
    [Test]
    public async Task The_site_creates_the_configured_superuser_on_first_start()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Bootstrap:AdminEmail"] = "root@example.com" });

        var admin = await site.FindUserAsync(AdminSiteFactory.AdminUserName);

        admin.Should().NotBeNull();
        (admin!.IsSuperuser, admin.IsStaff, admin.IsActive, admin.Email).Should().Be((true, true, true, "root@example.com"));
    }

    [Test]
    public async Task A_generated_password_is_printed_once_in_a_banner_and_works()
    {
        await using var site = new AdminSiteFactory();
        await site.WithDbAsync(async db =>
        {
            db.Users.RemoveRange(db.Users);
            await db.SaveChangesAsync();
        });
        var first = new StringWriter();
        var second = new StringWriter();

        await RunBootstrapAsync(site, new BootstrapOptions { AdminUserName = "generated", GeneratePassword = true }, first);
        await RunBootstrapAsync(site, new BootstrapOptions { AdminUserName = "generated", GeneratePassword = true }, second);

        var banner = first.ToString();
        banner.Should().Contain("created the superuser").And.Contain("user name: generated").And.Contain("shown only this once");
        var password = banner.Split('\n').Single(l => l.Contains("password:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        password.Should().HaveLength(24);
        second.ToString().Should().BeEmpty("the banner is printed only when the user is created");
        await site.CreateSiteClient().LogInAsync("generated", password);
    }

    [Test]
    public async Task Without_a_password_nothing_is_created_and_a_warning_says_how_to_create_one()
    {
        await using var site = new AdminSiteFactory();
        await site.WithDbAsync(async db =>
        {
            db.Users.RemoveRange(db.Users);
            await db.SaveChangesAsync();
        });
        var logger = new CapturingLogger();
        await using var scope = site.Scope();
        var bootstrap = new BootstrapAdmin(
            scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>(),
            Options.Create(new BootstrapOptions()),
            logger,
            new StringWriter());

        await bootstrap.EnsureAsync();

        (await site.FindUserAsync("admin")).Should().BeNull();
        logger.Warnings.Should().ContainSingle().Which.Should().Contain("createsuperuser").And.Contain("Bootstrap__AdminPassword");
    }

    [Test]
    public async Task A_weak_bootstrap_password_stops_the_start_with_the_reason()
    {
        await using var site = new AdminSiteFactory();
        await site.WithDbAsync(async db =>
        {
            db.Users.RemoveRange(db.Users);
            await db.SaveChangesAsync();
        });

        var run = () => RunBootstrapAsync(site, new BootstrapOptions { AdminPassword = "password" }, new StringWriter());

        await run.Should().ThrowAsync<InvalidOperationException>().WithMessage("*This password is too common.*");
    }

    [Test]
    public void Generated_passwords_differ()
    {
        Enumerable.Range(0, 50).Select(_ => BootstrapAdmin.GeneratePassword()).Should().OnlyHaveUniqueItems();
    }

    private static async Task RunBootstrapAsync(AdminSiteFactory site, BootstrapOptions options, TextWriter console)
    {
        await using var scope = site.Scope();
        var bootstrap = new BootstrapAdmin(
            scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>(),
            Options.Create(options),
            Substitute.For<ILogger<BootstrapAdmin>>(),
            console);
        await bootstrap.EnsureAsync();
    }

    private sealed class CapturingLogger : ILogger<BootstrapAdmin>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}

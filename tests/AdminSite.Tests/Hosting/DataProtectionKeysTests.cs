using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminSite.Tests.Hosting;

/// <summary>The Data Protection keys in the database are encrypted with the configured certificate; without one, production says so.</summary>
[TestFixture]
public sealed class DataProtectionKeysTests
{
    [Test]
    public async Task Keys_are_stored_encrypted_with_a_pkcs12_certificate()
    {
        await using var site = new AdminSiteFactory();

        (await site.SignedInAdminAsync()).Dispose();

        await KeysShouldBeEncryptedAsync(site);
    }

    [Test]
    public async Task Pem_files_as_a_kubernetes_tls_secret_mounts_them_work_too()
    {
        var (certificate, key) = TestCertificates.PemPaths;
        await using var site = new AdminSiteFactory(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = certificate,
            ["DataProtection:CertificateKeyPath"] = key,
            ["DataProtection:CertificatePassword"] = "",
        });

        using var client = await site.SignedInAdminAsync();

        (await client.GetAsync("/admin/")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the key ring decrypts with the same certificate");
        await KeysShouldBeEncryptedAsync(site);
    }

    [Test]
    public async Task Without_a_certificate_production_warns_once_how_to_set_one()
    {
        var logs = new WarningLog();
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = "" }, configure: Capture(logs));

        (await site.SignedInAdminAsync()).Dispose();
        (await site.SignedInAdminAsync()).Dispose();

        logs.Messages.Where(m => m.Contains("DataProtection__CertificatePath", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("stored unencrypted");
        (await site.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync())).Should().Contain(xml => xml.Contains("<value>", StringComparison.Ordinal));
    }

    [TestCase("Development", "false")]
    [TestCase("Production", "true")]
    public async Task Development_or_an_explicit_choice_keeps_it_quiet(string environment, string allow)
    {
        var logs = new WarningLog();
        await using var site = new AdminSiteFactory(
            new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = "", ["DataProtection:AllowUnencryptedKeys"] = allow },
            configure: host => { host.UseEnvironment(environment); Capture(logs)(host); });

        site.EnsureStarted();

        logs.Messages.Should().NotContain(m => m.Contains("DataProtection__CertificatePath", StringComparison.Ordinal));
    }

    [TestCase("missing.pfx", null, "*Could not find file*")]
    [TestCase("pfx", "wrong-password", "*DataProtection:CertificatePath: cannot use*")]
    public async Task A_certificate_that_cannot_be_used_stops_the_start_naming_the_setting(string path, string? password, string message)
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = path == "pfx" ? TestCertificates.PfxPath : Path.Combine(Path.GetTempPath(), path),
            ["DataProtection:CertificatePassword"] = password,
        });

        var start = site.EnsureStarted;

        start.Should().Throw<InvalidOperationException>().WithMessage("DataProtection:CertificatePath: cannot use*").WithMessage(message);
    }

    private static async Task KeysShouldBeEncryptedAsync(AdminSiteFactory site)
    {
        var keys = await site.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
        keys.Should().NotBeEmpty().And.OnlyContain(xml => xml.Contains("EncryptedData", StringComparison.Ordinal) && !xml.Contains("<value>", StringComparison.Ordinal),
            "the master key is stored only encrypted");
    }

    private static Action<IWebHostBuilder> Capture(WarningLog logs) =>
        host => host.ConfigureLogging(logging => logging.AddProvider(logs));

    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
            {
                _messages.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}

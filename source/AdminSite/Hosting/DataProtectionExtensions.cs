using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AdminSite.Hosting;

/// <summary>
/// Encrypts the Data Protection keys at rest with the configured certificate (see <see cref="DataProtectionSettings"/>),
/// and says once, at start, when there is none outside Development.
/// </summary>
internal static partial class DataProtectionExtensions
{
    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    public static void AddAdminKeyEncryption(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataProtectionSettings>().BindConfiguration(DataProtectionSettings.SectionName);
        builder.Services.AddHostedService<UnencryptedKeysNotice>();
        var settings = builder.Configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        if (settings.HasCertificate)
        {
            // Loaded here, so a wrong path or password stops the start naming the setting.
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(Load(settings));
        }
        else
        {
            // Without a certificate the key manager warns for every key it creates (on a first start, then every
            // 90 days, on each replica). The notice below says it once with the remedy, or the operator chose it;
            // its errors (a key it cannot read) still show.
            builder.Logging.AddFilter(KeyManagerCategory, LogLevel.Error);
        }
    }

    private static X509Certificate2 Load(DataProtectionSettings settings)
    {
        var path = settings.CertificatePath!;
        try
        {
            var password = string.IsNullOrEmpty(settings.CertificatePassword) ? null : settings.CertificatePassword;
            var isPem = File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal);
            var certificate = !isPem
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
                : password is null
                    ? X509Certificate2.CreateFromPemFile(path, settings.CertificateKeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, settings.CertificateKeyPath);
            return certificate.GetRSAPrivateKey() is null
                ? throw new CryptographicException("it holds no RSA private key (the keys are encrypted with RSA, so the certificate needs one).")
                : certificate;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath: cannot use '{path}' to encrypt the Data Protection keys: {e.Message}", e);
        }
    }

    private sealed partial class UnencryptedKeysNotice(IOptions<DataProtectionSettings> settings, IHostEnvironment environment, ILogger<UnencryptedKeysNotice> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Development keeps its keys in a local file's database and needs no warning to be green.
            if (!settings.Value.HasCertificate && !settings.Value.AllowUnencryptedKeys && !environment.IsDevelopment())
            {
                LogUnencrypted(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message =
            "The Data Protection keys are stored unencrypted in the database: whoever can read it can forge session cookies. " +
            "Set DataProtection__CertificatePath to an RSA certificate with its private key (a .pfx with DataProtection__CertificatePassword, " +
            "or PEM files with DataProtection__CertificateKeyPath), the same for every replica; or set DataProtection__AllowUnencryptedKeys=true to accept this.")]
        private static partial void LogUnencrypted(ILogger logger);
    }
}

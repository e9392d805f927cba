using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// RSA certificates for the Data Protection keys, made once per test run: every test site encrypts its keys as a
/// production site should, and sites sharing a database share the certificate as replicas do.
/// </summary>
public static class TestCertificates
{
    public const string Password = "key-ring-certificate";

    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("admin-site-certificates-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    private static readonly Lazy<X509Certificate2> Certificate = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=admin-site data protection (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    });

    /// <summary>A password-protected PKCS#12 file.</summary>
    public static string PfxPath => PfxFile.Value;

    /// <summary>A certificate and an unencrypted key in two PEM files, as a Kubernetes TLS Secret mounts them.</summary>
    public static (string Certificate, string Key) PemPaths => PemFiles.Value;

    private static readonly Lazy<string> PfxFile = new(() =>
    {
        var path = Path.Combine(Folder.Value, "data-protection.pfx");
        File.WriteAllBytes(path, Certificate.Value.Export(X509ContentType.Pfx, Password));
        return path;
    });

    private static readonly Lazy<(string, string)> PemFiles = new(() =>
    {
        var certificate = Path.Combine(Folder.Value, "tls.crt");
        var key = Path.Combine(Folder.Value, "tls.key");
        File.WriteAllText(certificate, Certificate.Value.ExportCertificatePem());
        File.WriteAllText(key, Certificate.Value.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificate, key);
    });
}

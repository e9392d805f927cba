namespace AdminSite.Hosting;

/// <summary>
/// The <c>DataProtection</c> section: the certificate that encrypts the Data Protection keys the site keeps in its
/// database. Without one, anyone who reads the database (a backup, a replica, a volume snapshot) can forge session
/// cookies and antiforgery tokens.
/// </summary>
/// <remarks>
/// An RSA certificate with its private key: a PKCS#12 file (<c>.pfx</c>, with <see cref="CertificatePassword"/>), or
/// PEM files such as a Kubernetes TLS Secret's <c>tls.crt</c> and <c>tls.key</c>. Every replica needs the same one.
/// Keys written before a certificate was configured stay readable (and unencrypted) until they expire (90 days).
/// </remarks>
public sealed class DataProtectionSettings
{
    public const string SectionName = "DataProtection";

    /// <summary>The certificate: a PKCS#12 file, or a PEM file (holding the key too, or see <see cref="CertificateKeyPath"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The PKCS#12 file's password, or the encrypted PEM key's.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Keep keys unencrypted without the start-up warning (a deliberate choice, e.g. a disposable test site).</summary>
    public bool AllowUnencryptedKeys { get; set; }

    public bool HasCertificate => !string.IsNullOrEmpty(CertificatePath);
}

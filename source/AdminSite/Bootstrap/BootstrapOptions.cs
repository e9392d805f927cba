namespace AdminSite.Bootstrap;

/// <summary>
/// The <c>Bootstrap</c> section: the first superuser, created on start while there are no users
/// (in Kubernetes from a Secret, e.g. <c>Bootstrap__AdminPassword</c>), and read by <c>createsuperuser --no-input</c>.
/// </summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string AdminUserName { get; set; } = "admin";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>A file holding the password (e.g. a mounted Secret), read when <see cref="AdminPassword"/> is empty.</summary>
    public string? AdminPasswordFile { get; set; }

    /// <summary>With no password configured, generate one and print it once.</summary>
    public bool GeneratePassword { get; set; }

    /// <summary>The configured password: <see cref="AdminPassword"/>, else the content of <see cref="AdminPasswordFile"/>; null when neither is set.</summary>
    public string? ResolvePassword() =>
        !string.IsNullOrEmpty(AdminPassword) ? AdminPassword
        : string.IsNullOrEmpty(AdminPasswordFile) ? null
        : PasswordFile.Read(AdminPasswordFile, "Bootstrap:AdminPasswordFile");
}

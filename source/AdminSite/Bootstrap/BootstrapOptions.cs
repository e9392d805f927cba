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

    /// <summary>With no password configured, generate one and print it once.</summary>
    public bool GeneratePassword { get; set; }
}

namespace AdminSite.Identity;

/// <summary>
/// Failed logins for the user names of one bucket (see LoginLockout), real or not, so a locked-out message
/// appears after the same number of tries whether or not the account exists. Kept in the database, so every
/// replica counts the same.
/// </summary>
public class LoginFailure
{
    /// <summary>The bucket of the normalized user name's SHA-256: the table never holds names typed by strangers.</summary>
    public string Key { get; set; } = "";

    public int FailedCount { get; set; }

    public DateTime LastFailure { get; set; }

    public DateTime? LockoutEnd { get; set; }
}

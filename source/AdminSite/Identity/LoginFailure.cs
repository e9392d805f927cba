namespace AdminSite.Identity;

/// <summary>
/// Failed logins for a user name that cannot sign in (no such account, inactive or not staff), counted
/// like Identity counts them for real accounts, so a locked-out message appears after the same number
/// of tries whether or not the account exists. Kept in the database, so every replica counts the same.
/// </summary>
public class LoginFailure
{
    /// <summary>SHA-256 of the normalized user name: the table never holds names typed by strangers.</summary>
    public string Key { get; set; } = "";

    public int FailedCount { get; set; }

    public DateTime LastFailure { get; set; }

    public DateTime? LockoutEnd { get; set; }
}

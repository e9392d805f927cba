namespace AdminSite.Identity;

/// <summary>The <c>Security</c> section: how hard logins are to guess and what superusers must have.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Superusers must enrol an authenticator app before they can use the admin. Off by default, so a fresh
    /// install's bootstrap superuser can sign in with a password alone and enrol first.
    /// </summary>
    public bool RequireTwoFactorForSuperusers { get; set; }

    public LoginRateLimitOptions LoginRateLimit { get; set; } = new();

    public LockoutSettings Lockout { get; set; } = new();
}

/// <summary>
/// Login attempts (password or two-factor code) allowed per client address in a sliding window, whatever
/// the account. An office behind one NAT address shares the budget, so it is generous for people and tight
/// for scripts.
/// </summary>
public sealed class LoginRateLimitOptions
{
    /// <summary>The rate-limit policy these settings shape, on the login and two-factor pages (only their POSTs count).</summary>
    public const string PolicyName = "login";

    public int PermitLimit { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Per user name: this many failures in a row (password or code) lock it for <see cref="Minutes"/>.</summary>
public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;

    public int Minutes { get; set; } = 15;

    /// <summary>
    /// How many counters user names share (see LoginLockout): the most rows failed logins can ever take. Changing
    /// it starts every count again.
    /// </summary>
    public int NameBuckets { get; set; } = 1 << 20;
}

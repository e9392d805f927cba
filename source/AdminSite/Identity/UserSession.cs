namespace AdminSite.Identity;

/// <summary>
/// One signed-in browser, as Django keeps a session row: the cookie names it, every request checks it, and
/// logging out ends it on the server, so a copy of the cookie taken before is worth nothing afterwards.
/// </summary>
public class UserSession
{
    public const int IdLength = 32;
    public const int AddressMaxLength = 64;
    public const int UserAgentMaxLength = 256;

    /// <summary>128 random bits in hex; carried by the (encrypted) cookie as its <c>sid</c> claim.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTime Created { get; set; }

    /// <summary>Updated at most every few minutes (see <c>UserSessions.TouchInterval</c>), so reading pages is not a write each.</summary>
    public DateTime LastSeen { get; set; }

    /// <summary>The client as the site sees it (the forwarded address behind a trusted proxy), at the last update.</summary>
    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>When the session was ended (logout, or ended from the sessions page); ended sessions are purged.</summary>
    public DateTime? Revoked { get; set; }

    /// <summary>
    /// The account's security stamp when this session last signed in or refreshed. A password change or "sign out
    /// everywhere" changes the account's stamp, which ends every session still holding the old one: the sessions
    /// page lists only those that match, so it shows what still works.
    /// </summary>
    public string? SecurityStamp { get; set; }
}

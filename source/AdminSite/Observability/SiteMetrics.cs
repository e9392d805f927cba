using System.Diagnostics.Metrics;

namespace AdminSite.Observability;

/// <summary>
/// The site's own counters, in meter <see cref="MeterName"/>: what an operator watches for attacks and for the audit
/// trail (Prometheus names in README's "Operating it"). Called where the thing happens, one line each.
/// </summary>
public sealed class SiteMetrics
{
    public const string MeterName = "AdminSite";

    private static readonly KeyValuePair<string, object?> Succeeded = new("result", "succeeded");
    private static readonly KeyValuePair<string, object?> Failed = new("result", "failed");
    private static readonly KeyValuePair<string, object?> LockedOut = new("result", "locked_out");

    private readonly Counter<long> _logins;
    private readonly Counter<long> _twoFactorFailures;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _auditEntries;

    public SiteMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _logins = meter.CreateCounter<long>("adminsite.logins", "{login}",
            "Login attempts by result: succeeded (signed in, after the code when two-factor is on), failed (wrong password, or a name that cannot sign in), locked_out (answered with the lockout page).");
        _twoFactorFailures = meter.CreateCounter<long>("adminsite.two_factor.failures", "{code}",
            "Wrong authenticator or recovery codes at the login's second step.");
        _throttled = meter.CreateCounter<long>("adminsite.login.throttled", "{request}",
            "Login and two-factor posts refused by the per-address rate limit (429).");
        _auditEntries = meter.CreateCounter<long>("adminsite.audit.entries", "{entry}",
            "Audit entries saved, by action: added, changed, deleted.");
    }

    public void LoginSucceeded() => _logins.Add(1, Succeeded);

    public void LoginFailed() => _logins.Add(1, Failed);

    public void LoginLockedOut() => _logins.Add(1, LockedOut);

    public void TwoFactorFailed() => _twoFactorFailures.Add(1);

    public void LoginThrottled() => _throttled.Add(1);

    public void AuditEntriesWritten(string action, int count) => _auditEntries.Add(count, new KeyValuePair<string, object?>("action", action));
}

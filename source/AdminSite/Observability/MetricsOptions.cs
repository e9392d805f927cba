namespace AdminSite.Observability;

/// <summary>
/// The <c>Metrics</c> section: metrics in Prometheus format at <see cref="Path"/> on a port of their own, which the
/// site's public port never serves, so the Service and load balancer in front of the site cannot expose them.
/// </summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    public const string Path = "/metrics";

    /// <summary>Off: no meter is listened to (the instruments cost nothing) and the port stays closed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The metrics listener's port, on every interface; 0 lets the system pick a free one (tests).</summary>
    public int Port { get; set; } = 9090;
}

namespace AdminSite.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: which load balancers may tell the site the client's address and scheme.
/// </summary>
/// <remarks>
/// Left empty, the private ranges are trusted (10/8, 172.16/12, 192.168/16, fc00::/7 and loopback): in a
/// cluster the load balancer reaches the pod from inside the VPC. List the balancer's networks or addresses
/// to narrow it, e.g. <c>ForwardedHeaders__KnownNetworks__0=10.0.0.0/16</c>.
/// </remarks>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    public static readonly IReadOnlyList<string> DefaultNetworks =
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7", "::1/128"];

    /// <summary>CIDR networks whose X-Forwarded-* headers are believed; empty means <see cref="DefaultNetworks"/>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses whose X-Forwarded-* headers are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>How many proxies in front of the site to unwind; one load balancer by default.</summary>
    public int ForwardLimit { get; set; } = 1;
}

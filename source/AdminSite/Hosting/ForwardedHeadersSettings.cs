namespace AdminSite.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: which proxies may tell the site the client's address and scheme.
/// </summary>
/// <remarks>
/// Nothing is trusted by default: the site then sees the connection's own peer, which is the client unless a
/// proxy stands in between. Anyone can write <c>X-Forwarded-For</c>, so believing it from a whole range (a
/// cluster's pod network, a VPC) lets every client in that range pick its own address and escape the per-address
/// login limit. Name exactly the proxies that add the header, e.g. the ingress controller's pods
/// (<c>ForwardedHeaders__KnownNetworks__0=10.0.0.0/16</c>) or one load balancer
/// (<c>ForwardedHeaders__KnownProxies__0=10.0.3.7</c>).
/// </remarks>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>CIDR networks whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>How many proxies in front of the site to unwind; one load balancer by default.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>
    /// Every request reached the site over TLS ended in front of it by something that adds no X-Forwarded-Proto
    /// (an NLB TLS listener): treat each as HTTPS, so cookies are Secure and HSTS is sent.
    /// </summary>
    public bool AssumeHttps { get; set; }

    /// <summary>Whether any proxy is trusted at all; with none, forwarded headers are ignored entirely.</summary>
    public bool TrustsAnyProxy => KnownNetworks.Count > 0 || KnownProxies.Count > 0;
}

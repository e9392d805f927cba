using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using AdminSite.Identity;
using AdminSite.Observability;
using Microsoft.Extensions.Options;

namespace AdminSite.Hosting;

/// <summary>
/// Per-address login throttling, on top of Identity's per-account lockout: lockout stops guessing one
/// account's password, this stops trying one password on many accounts (and flooding the 2FA step).
/// </summary>
internal static class RateLimitingExtensions
{
    public static void AddAdminRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(LoginRateLimitOptions.PolicyName, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                // Read per partition, not at registration: test hosts and commands add configuration later.
                var settings = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginRateLimit;
                return RateLimitPartition.GetSlidingWindowLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<SiteMetrics>().LoginThrottled();
                var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginRateLimit.WindowSeconds;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(window);
                return new ValueTask(ErrorPages.WriteTooManyLoginAttemptsAsync(context.HttpContext, retryAfter));
            };
        });
    }

    /// <summary>
    /// The client as the forwarded-headers middleware left it (the load balancer's view, from trusted proxies
    /// only). An IPv6 client usually holds a whole /64, so that is one client.
    /// </summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

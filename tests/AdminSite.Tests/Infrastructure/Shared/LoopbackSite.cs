using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AdminSite.Testing;

/// <summary>
/// The site started as its own process on a loopback port, as the tests and the bench both start it. Linked
/// into AdminSite.Bench (which may not reference the test project): keep it free of test-framework types.
/// </summary>
internal static class LoopbackSite
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A loopback port that nothing listens on at the moment, for the site to take.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Polls /readyz, the Kubernetes readiness probe, until it answers; throws as soon as the process exits, or
    /// after a minute. <paramref name="output"/>, when given, is what the site wrote, added to the error.
    /// </summary>
    public static async Task WaitUntilReadyAsync(Process process, Uri baseAddress, TimeSpan poll, Func<string>? output = null)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The site exited with code {process.ExitCode} while starting{Detail(output)}");
            }

            try
            {
                using var response = await client.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"The site was not ready within {StartTimeout.TotalSeconds:0} seconds{Detail(output)}");
    }

    private static string Detail(Func<string>? output) => output is null ? "." : $":\n{output()}";
}

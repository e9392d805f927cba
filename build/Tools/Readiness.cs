using System.Diagnostics;

namespace Tools;

/// <summary>Waiting for a server that was just started: it counts as not ready while it does not listen yet.</summary>
public static class Readiness
{
    /// <summary>
    /// Polls <paramref name="ready"/> until it holds (true) or the time is up (false). <paramref name="stillStarting"/>
    /// runs before each try and throws when waiting is pointless (the process died).
    /// </summary>
    public static async Task<bool> Poll(Func<Task<bool>> ready, TimeSpan timeout, Action? stillStarting = null, CancellationToken cancellation = default)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            stillStarting?.Invoke();
            try
            {
                if (await ready())
                    return true;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException or System.Net.Sockets.SocketException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
        }
        return false;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace E2E;

/// <summary>Signed-in traffic through the load balancer, recording every request's outcome and latency.</summary>
public sealed class LoadLoop(string baseUrl, string cookies, int workers)
{
    private static readonly string[] Paths = ["/admin", "/admin/auth/user", "/admin/auth/user?o=2", "/admin/auth/group"];

    private readonly ConcurrentBag<Sample> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public sealed record Sample(TimeSpan At, double Milliseconds, string? Failure);

    public IReadOnlyCollection<Sample> Samples => _samples;
    public TimeSpan Now => _clock.Elapsed;

    public async Task Run(CancellationToken stop)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = workers })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Work(http, worker, stop)));
    }

    private async Task Work(HttpClient http, int worker, CancellationToken stop)
    {
        for (var i = worker; !stop.IsCancellationRequested; i++)
        {
            var started = _clock.Elapsed;
            string? failure = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Paths[i % Paths.Length]);
                request.Headers.Add("Cookie", cookies);
                using var response = await http.SendAsync(request, CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                // A redirect here means the login was lost: a failure as much as a 5xx.
                if (response.StatusCode != HttpStatusCode.OK)
                    failure = $"{(int)response.StatusCode} {response.Headers.Location}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                failure = exception.Message;
            }
            _samples.Add(new Sample(started, (_clock.Elapsed - started).TotalMilliseconds, failure));
        }
    }

    /// <summary>The p-th percentile latency of the requests that started inside the window.</summary>
    public double Percentile(double p, TimeSpan from, TimeSpan to)
    {
        var latencies = _samples.Where(sample => sample.At >= from && sample.At <= to).Select(sample => sample.Milliseconds).Order().ToList();
        return latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
    }
}

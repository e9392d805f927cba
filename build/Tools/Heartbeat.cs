using System.Diagnostics;
using BuildEngine;

namespace Tools;

/// <summary>
/// Says a tool is still working when it has printed nothing for a while (a helm rollout waiting on pods, a quiet
/// compile), so a log off a terminal never looks hung.
/// </summary>
internal sealed class Heartbeat : IAsyncDisposable
{
    private readonly string _activity;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beating;
    private long _lastSignOfLifeTicks;

    public Heartbeat(string activity, TimeSpan interval)
    {
        _activity = activity;
        _interval = interval;
        _beating = BeatAsync();
    }

    /// <summary>The tool printed a line the user saw: the silence starts again.</summary>
    public void SignOfLife() => Interlocked.Exchange(ref _lastSignOfLifeTicks, _running.Elapsed.Ticks);

    private async Task BeatAsync()
    {
        if (_interval == Timeout.InfiniteTimeSpan)
            return;
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var silent = _running.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref _lastSignOfLifeTicks));
                // A tick may come a little early: a silence of most of the interval counts as the whole.
                if (silent >= _interval * 0.9)
                    Log.Information($"... still {_activity} ({Elapsed(_running.Elapsed)})");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Elapsed(TimeSpan elapsed)
    {
        // Timers fire a little early or late: the nearest second reads right.
        var seconds = (int)Math.Round(elapsed.TotalSeconds);
        return seconds >= 60 ? $"{seconds / 60} min {seconds % 60} s" : $"{seconds} s";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
    }
}

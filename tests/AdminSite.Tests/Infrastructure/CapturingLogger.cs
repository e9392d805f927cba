using Microsoft.Extensions.Logging;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// A logger that keeps every message, formatted, for a test to read; <paramref name="logged"/> sees each one as it
/// is written, so a test can act at the very moment the code under test reports a step.
/// </summary>
public sealed class CapturingLogger(Action<string>? logged = null) : ILogger
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        lock (_messages)
        {
            _messages.Add(message);
        }

        logged?.Invoke(message);
    }
}

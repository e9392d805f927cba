using Microsoft.Extensions.Logging;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// Every log event of a host at every level, as text: the formatted message, each value of its state and of the
/// scopes around it, and the exception. That is all any formatter can write, so what is not here reaches no log.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly List<string> _events = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(string text)
    {
        lock (_events)
        {
            _events.Add(text);
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}" };
            parts.AddRange(Values(state));
            capture._scopes.ForEachScope((scope, list) => list.AddRange(Values(scope)), parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            capture.Add(string.Join(" | ", parts));
        }

        private static IEnumerable<string> Values(object? state) => state switch
        {
            null => [],
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Select(p => $"{p.Key}={p.Value}").Append(state.ToString() ?? ""),
            _ => [state.ToString() ?? ""],
        };
    }
}

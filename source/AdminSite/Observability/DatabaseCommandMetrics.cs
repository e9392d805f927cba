using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminSite.Observability;

/// <summary>
/// <c>db.client.operation.duration</c> (OpenTelemetry's name) for every command EF Core runs, on SQLite and PostgreSQL
/// alike: Microsoft.Data.Sqlite has no meter, and Npgsql's own histogram of that name is dropped in favour of this one
/// (see <see cref="MetricsExtensions"/>), so one query covers both providers.
/// </summary>
internal sealed class DatabaseCommandMetrics : DbCommandInterceptor
{
    public const string MeterName = "AdminSite.Database";

    // The few statement kinds EF Core writes, so the label has a handful of values whatever the SQL.
    private static readonly string[] Operations = ["SELECT", "INSERT", "UPDATE", "DELETE"];

    private readonly Histogram<double> _duration;

    public DatabaseCommandMetrics(IMeterFactory meters)
    {
        _duration = meters.Create(MeterName).CreateHistogram(
            "db.client.operation.duration", "s", "Database commands run by EF Core, from sending to the first result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command, eventData.Duration, error: null);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, error: null);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData.Duration, error: null);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, error: null);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData.Duration, error: null);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, error: null);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        Record(command, eventData.Duration, eventData.Exception.GetType().FullName);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, eventData.Exception.GetType().FullName);
        return Task.CompletedTask;
    }

    private void Record(DbCommand command, TimeSpan duration, string? error)
    {
        if (!_duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "db.system.name", System(command) },
            { "db.operation.name", Operation(command.CommandText) },
        };
        if (error is not null)
        {
            tags.Add("error.type", error);
        }

        _duration.Record(duration.TotalSeconds, tags);
    }

    private static string System(DbCommand command) =>
        command.GetType().Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true ? "postgresql" : "sqlite";

    /// <summary>The first keyword of the command (of its first statement, for a batch), or <c>other</c>.</summary>
    internal static string Operation(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        foreach (var operation in Operations)
        {
            if (text.StartsWith(operation, StringComparison.OrdinalIgnoreCase) && (text.Length == operation.Length || !char.IsLetterOrDigit(text[operation.Length])))
            {
                return operation;
            }
        }

        return "other";
    }
}

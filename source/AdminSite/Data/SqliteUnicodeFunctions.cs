using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminSite.Data;

/// <summary>
/// SQLite's built-in upper() only knows ASCII, so a search for "chloé" would miss "Chloé". Each new
/// connection gets an upper() that folds case like .NET (and PostgreSQL) do.
/// </summary>
public sealed class SqliteUnicodeFunctions : DbConnectionInterceptor
{
    public static readonly SqliteUnicodeFunctions Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, string?>("upper", value => value?.ToUpperInvariant(), isDeterministic: true);
        }
    }
}

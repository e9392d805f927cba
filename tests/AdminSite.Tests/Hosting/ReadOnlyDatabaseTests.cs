using System.Data.Common;
using System.Net;
using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Hosting;

/// <summary>A database that refuses writes stops the start with a clear reason, and makes a running site unready.</summary>
[TestFixture]
public sealed class ReadOnlyDatabaseTests
{
    [TestCase("true")]
    [TestCase("false")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_site_will_not_start_on_a_read_only_database_and_says_why(string migrateOnStartup)
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await using (var seed = SiteServer.Start(new Dictionary<string, string> { ["Database__SqlitePath"] = host.DatabasePath, ["Bootstrap__AdminPassword"] = "Bootstrap-Pass-42" }))
        {
            await seed.WaitUntilReadyAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var readOnly = ReadOnlyFiles.Folder(Path.GetDirectoryName(host.DatabasePath)!);
        await using var site = SiteServer.Start(new Dictionary<string, string>
        {
            ["Database__SqlitePath"] = host.DatabasePath,
            ["Database__MigrateOnStartup"] = migrateOnStartup,
        });

        var code = await site.WaitForExitAsync(TimeSpan.FromSeconds(60));

        code.Should().Be(1, "a clear failure, not an unhandled exception (134): " + site.Output);
        site.Output.Should().Contain("The database cannot be written to").And.NotContain("Unhandled exception");
    }

    [Test]
    public async Task Readiness_fails_while_the_database_refuses_writes_and_recovers_after()
    {
        var readOnly = new ReadOnlySwitch();
        await using var site = new AdminSiteFactory(
            new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None" },
            configure: host => host.ConfigureServices(services => services.ConfigureDbContext<SqliteAdminDbContext>(options => options.AddInterceptors(readOnly), AdminDbContextOptions.Lifetime)));
        using var client = site.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        readOnly.On = true;
        using var unready = await client.GetAsync("/readyz");
        readOnly.On = false;
        using var ready = await client.GetAsync("/readyz");

        unready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "every write would fail");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>
    /// SQLite's query_only: the database answers reads and refuses every write, as a read-only volume does. The
    /// pragma belongs to a pooled connection, so it is set again before every command and every transaction: a
    /// transaction starts with BEGIN IMMEDIATE, itself a write, on whatever connection the pool hands out.
    /// </summary>
    private sealed class ReadOnlySwitch : DbCommandInterceptor, IDbTransactionInterceptor
    {
        public volatile bool On;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await SetAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await SetAsync(command, cancellationToken);
            return result;
        }

        public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await SetAsync(connection, transaction: null, cancellationToken);
            return result;
        }

        private Task SetAsync(DbCommand command, CancellationToken cancellationToken) =>
            SetAsync(command.Connection!, command.Transaction, cancellationToken);

        private async Task SetAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
        {
            await using var pragma = connection.CreateCommand();
            pragma.Transaction = transaction;
            pragma.CommandText = On ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

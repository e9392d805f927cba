using System.Net;
using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Data;

/// <summary>
/// A database migrated by a newer build stops this one with a message naming both migrations, in `migrate`,
/// at startup and (for a site already running) in readiness. Missing migrations make the site unready too.
/// </summary>
[TestFixture]
public sealed class SchemaVersionTests
{
    public const string FutureMigration = "29991231235959_FromTheFuture";

    public static string NewestKnown { get; } = new DesignTimeFactories.Sqlite().CreateDbContext([]).Database.GetMigrations().Last();

    public static string NewerMessage(string newestKnown) =>
        $"The database schema is at migration {FutureMigration}, newer than this build knows ({newestKnown}). Deploy the newer image, or roll the database back.";

    [Test]
    public async Task Migrate_refuses_a_database_migrated_by_a_newer_build()
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await InsertFutureMigrationAsync(host.DatabasePath);
        var console = new ScriptedConsole();

        var code = await host.RunAsync(console, null, "migrate");

        code.Should().Be(1);
        console.AllErrors.Should().Contain(NewerMessage(NewestKnown));
    }

    [Test]
    public async Task The_site_will_not_start_on_it_and_exits_non_zero()
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await InsertFutureMigrationAsync(host.DatabasePath);
        await using var site = SiteServer.Start(new Dictionary<string, string>
        {
            ["Database__SqlitePath"] = host.DatabasePath,
            ["Bootstrap__AdminPassword"] = "Bootstrap-Pass-42",
        });

        var code = await site.WaitForExitAsync(TimeSpan.FromSeconds(60));

        code.Should().Be(1, site.Output);
        site.Output.Should().Contain(NewerMessage(NewestKnown));
    }

    [Test]
    public async Task The_site_will_not_start_on_it_with_migration_on_startup_turned_off_either()
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await InsertFutureMigrationAsync(host.DatabasePath);
        await using var site = SiteServer.Start(new Dictionary<string, string>
        {
            ["Database__SqlitePath"] = host.DatabasePath,
            ["Database__MigrateOnStartup"] = "false",
        });

        (await site.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(1, site.Output);
        site.Output.Should().Contain(NewerMessage(NewestKnown));
    }

    [Test]
    public async Task A_running_site_stops_being_ready_when_a_newer_build_migrates_and_recovers_when_rolled_back()
    {
        await using var site = new AdminSiteFactory();
        using var client = site.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(InsertSql, FutureMigration));
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is fine: no restart loop");

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(DeleteSql, FutureMigration));
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_site_is_not_ready_while_a_migration_it_needs_is_missing()
    {
        await using var site = new AdminSiteFactory();
        using var client = site.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(DeleteSql, NewestKnown));
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(InsertSql, NewestKnown));
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_check_reports_unknown_and_pending_migrations_with_the_newest_of_each()
    {
        await using var site = new AdminSiteFactory();
        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(InsertSql, FutureMigration));

        var schema = await site.WithDbAsync(db => SchemaVersion.ReadAsync(db.Database));

        schema.Unknown.Should().Equal(FutureMigration);
        schema.Pending.Should().BeEmpty();
        (schema.NewestApplied, schema.NewestKnown).Should().Be((FutureMigration, NewestKnown));
        schema.IsNewerThanBuild.Should().BeTrue();
    }

    internal const string InsertSql = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, '10.0.15')";

    internal const string DeleteSql = "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}";

    private static async Task InsertFutureMigrationAsync(string databasePath)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ($id, '10.0.15')";
        command.Parameters.AddWithValue("$id", FutureMigration);
        await command.ExecuteNonQueryAsync();
    }
}

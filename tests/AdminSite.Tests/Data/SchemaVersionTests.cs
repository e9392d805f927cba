using System.Net;
using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Data;

/// <summary>
/// A database migrated by a newer build: served when every migration this build does not know is recorded as one it
/// can run on (with a warning naming them), refused otherwise with a message naming the first one it cannot, in
/// `migrate`, at startup and (for a site already running) in readiness. Missing migrations make the site unready too.
/// </summary>
[TestFixture]
public sealed class SchemaVersionTests
{
    public const string FutureMigration = "29991231235959_FromTheFuture";

    /// <summary>A migration of an even newer build, which no build of this repository knows.</summary>
    public const string FarFutureMigration = "30001231235959_FromFurtherAhead";

    public static string NewestKnown { get; } = new DesignTimeFactories.Sqlite().CreateDbContext([]).Database.GetMigrations().Last();

    public static string NoRecordMessage(string newestKnown) =>
        $"The database schema is at migration {FutureMigration}, newer than this build knows ({newestKnown}), and migration {FutureMigration} " +
        "has no compatibility record, so this build cannot tell whether it can run on it. Deploy the newer image, or roll the database back.";

    public static string CompatibleMessage(string newestKnown) =>
        $"The database has 1 migration(s) newer than this build ({FutureMigration}), each recorded as compatible with {newestKnown}: serving it.";

    [Test]
    public async Task Migrate_refuses_a_newer_migration_that_has_no_compatibility_record()
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await ApplyFutureMigrationAsync(host.DatabasePath, record: false);
        var console = new ScriptedConsole();

        var code = await host.RunAsync(console, null, "migrate");

        code.Should().Be(1);
        console.AllErrors.Should().Contain(NoRecordMessage(NewestKnown));
    }

    [Test]
    public async Task Migrate_refuses_a_newer_migration_that_needs_a_build_newer_than_this_one_naming_both()
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await ApplyFutureMigrationAsync(host.DatabasePath, record: true, oldestCompatible: FarFutureMigration);
        var console = new ScriptedConsole();

        var code = await host.RunAsync(console, null, "migrate");

        code.Should().Be(1);
        console.AllErrors.Should().Contain($"and migration {FutureMigration} needs a build that knows migration {FarFutureMigration}. Deploy the newer image");
    }

    [TestCase(null, TestName = "Migrate has nothing to do on a newer migration recorded as compatible with any build")]
    [TestCase("known", TestName = "Migrate has nothing to do on a newer migration recorded as compatible since a migration this build knows")]
    public async Task Migrate_has_nothing_to_do_on_a_compatible_newer_migration(string? oldest)
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await ApplyFutureMigrationAsync(host.DatabasePath, record: true, oldestCompatible: oldest is null ? null : NewestKnown);
        var console = new ScriptedConsole();

        var code = await host.RunAsync(console, null, "migrate");

        code.Should().Be(0, console.AllErrors);
        console.AllOutput.Should().Contain(CompatibleMessage(NewestKnown)).And.Contain("No migrations to apply.");
    }

    [Test]
    public async Task Migrate_records_the_compatibility_of_every_migration_this_build_knows()
    {
        await using var host = new CommandHost();

        await host.MigrateAsync();

        var recorded = await ScalarsAsync(host.DatabasePath, "SELECT \"MigrationId\" || '=' || coalesce(\"OldestCompatibleMigration\", 'any') FROM \"__SchemaCompatibility\" ORDER BY 1");
        recorded.Should().Equal(new DesignTimeFactories.Sqlite().CreateDbContext([]).Database.GetMigrations().Select(m => $"{m}=any"),
            "today's migrations are all expand steps");
    }

    [Test]
    public async Task The_site_starts_on_a_compatible_newer_migration_and_names_it_in_a_warning()
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await ApplyFutureMigrationAsync(host.DatabasePath, record: true);
        await using var site = SiteServer.Start(new Dictionary<string, string>
        {
            ["Database__SqlitePath"] = host.DatabasePath,
            ["Bootstrap__AdminPassword"] = "Bootstrap-Pass-42",
        });

        await site.WaitUntilReadyAsync();

        site.Output.Should().Contain("warn: AdminSite").And.Contain(CompatibleMessage(NewestKnown));
    }

    [TestCase("true")]
    [TestCase("false")]
    public async Task The_site_will_not_start_on_a_newer_migration_without_a_record_and_exits_non_zero(string migrateOnStartup)
    {
        await using var host = new CommandHost();
        await host.MigrateAsync();
        await ApplyFutureMigrationAsync(host.DatabasePath, record: false);
        await using var site = SiteServer.Start(new Dictionary<string, string>
        {
            ["Database__SqlitePath"] = host.DatabasePath,
            ["Database__MigrateOnStartup"] = migrateOnStartup,
            ["Bootstrap__AdminPassword"] = "Bootstrap-Pass-42",
        });

        (await site.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(1, site.Output);
        site.Output.Should().Contain(NoRecordMessage(NewestKnown));
    }

    [Test]
    public async Task A_running_site_stays_ready_through_a_compatible_newer_migration_and_turns_unready_on_one_it_cannot_run_on()
    {
        await using var site = new AdminSiteFactory();
        using var client = site.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(RecordSql, FutureMigration));
        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(InsertSql, FutureMigration));
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK, "a rolling deploy's new pod applied an expand step");

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(InsertSql, FarFutureMigration));
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "nothing says this build can run on it");
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is fine: no restart loop");

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(DeleteSql, FarFutureMigration));
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
        (schema.IsNewerThanBuild, schema.IsCompatiblyNewer).Should().Be((true, false));
        schema.Refusal.Should().Be($"migration {FutureMigration} has no compatibility record, so this build cannot tell whether it can run on it.");
    }

    internal const string InsertSql = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, '10.0.15')";

    internal const string DeleteSql = "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}";

    /// <summary>What a newer build that knows migration {0} records when it is an expand step.</summary>
    internal const string RecordSql = "INSERT INTO \"__SchemaCompatibility\" (\"MigrationId\", \"OldestCompatibleMigration\") VALUES ({0}, NULL)";

    /// <summary>What a newer build leaves: <see cref="FutureMigration"/> applied, and (unless it predates the records) its record.</summary>
    private static async Task ApplyFutureMigrationAsync(string databasePath, bool record, string? oldestCompatible = null)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ($id, '10.0.15');" +
            (record ? "INSERT INTO \"__SchemaCompatibility\" (\"MigrationId\", \"OldestCompatibleMigration\") VALUES ($id, $oldest);" : "");
        command.Parameters.AddWithValue("$id", FutureMigration);
        command.Parameters.AddWithValue("$oldest", (object?)oldestCompatible ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ScalarsAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

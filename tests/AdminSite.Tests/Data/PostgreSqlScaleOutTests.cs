using System.Net;
using AdminSite.Data;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Data;

/// <summary>Several replicas on one PostgreSQL database: shared sessions and forms, one migration run, a clear stop on a newer schema.</summary>
[TestFixture]
[Category("PostgreSQL")]
[NonParallelizable]
public sealed class PostgreSqlScaleOutTests
{
    private readonly List<string> _databases = [];

    private static string NewestKnown { get; } = new DesignTimeFactories.PostgreSql().CreateDbContext([]).Database.GetMigrations().Last();

    [TearDown]
    public async Task DropDatabasesAsync()
    {
        foreach (var database in _databases)
        {
            await PostgresServer.DropDatabaseAsync(database);
        }

        _databases.Clear();
    }

    [Test]
    public async Task Two_replicas_on_one_database_accept_each_others_cookies_and_forms()
    {
        var connection = await NewDatabaseAsync();
        await using var first = Replica(connection);
        first.EnsureStarted();
        await using var second = Replica(connection);

        await ReplicaBehaviour.ShareSessionsAndFormsAsync(first, second);
        (await PostgresServer.ScalarAsync<long>(connection, "SELECT count(*) FROM \"DataProtectionKeys\"")).Should().Be(1, "both replicas use the one key in the database");
    }

    [Test]
    public async Task Migrate_run_by_several_pods_at_once_applies_each_migration_once()
    {
        var connection = await NewDatabaseAsync();
        var environment = Environment(connection);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SiteProcess.RunAsync(["migrate"], environment)));

        runs.Should().OnlyContain(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.Error + r.Output)));
        var known = new DesignTimeFactories.PostgreSql().CreateDbContext([]).Database.GetMigrations().ToList();
        (await PostgresServer.ScalarAsync<long>(connection, "SELECT count(*) FROM \"__EFMigrationsHistory\"")).Should().Be(known.Count);
        (await PostgresServer.ScalarAsync<long>(connection, "SELECT count(DISTINCT \"MigrationId\") FROM \"__EFMigrationsHistory\"")).Should().Be(known.Count);
        runs.Count(r => r.Output.Contains("Migrations applied.", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    public async Task Replicas_starting_together_migrate_once_and_all_serve()
    {
        var connection = await NewDatabaseAsync();
        var environment = Environment(connection);
        environment["Bootstrap__AdminPassword"] = AdminSiteFactory.AdminPassword;
        var sites = Enumerable.Range(0, 3).Select(_ => SiteServer.Start(environment)).ToList();
        try
        {
            await Task.WhenAll(sites.Select(s => s.WaitUntilReadyAsync()));

            (await PostgresServer.ScalarAsync<long>(connection, "SELECT count(*) FROM \"AspNetUsers\"")).Should().Be(1, "one bootstrap superuser, whoever won");
            foreach (var site in sites)
            {
                using var client = new SiteClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = site.BaseAddress });
                await client.LogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
            }
        }
        finally
        {
            foreach (var site in sites)
            {
                await site.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task A_newer_migration_without_a_compatibility_record_stops_migrate_and_startup_and_makes_a_running_site_unready()
    {
        var connection = await NewDatabaseAsync();
        await using var running = Replica(connection);
        using var client = running.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await PostgresServer.ExecuteAsync(
            $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{SchemaVersionTests.FutureMigration}', '10.0.15')", connection);

        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var migrate = await SiteProcess.RunAsync(["migrate"], Environment(connection));
        migrate.ExitCode.Should().Be(1);
        migrate.Error.Should().Contain(SchemaVersionTests.NoRecordMessage(NewestKnown));
        await using var starting = SiteServer.Start(Environment(connection));
        (await starting.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(1, starting.Output);
        starting.Output.Should().Contain(SchemaVersionTests.NoRecordMessage(NewestKnown));
    }

    [Test]
    public async Task A_running_replica_stays_ready_while_a_newer_build_applies_a_compatible_migration_and_a_restart_serves_it()
    {
        var connection = await NewDatabaseAsync();
        await using var running = Replica(connection);
        using var client = running.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await PostgresServer.ExecuteAsync(
            $"INSERT INTO \"__SchemaCompatibility\" VALUES ('{SchemaVersionTests.FutureMigration}', NULL); " +
            $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{SchemaVersionTests.FutureMigration}', '10.0.15')", connection);

        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK, "the old pod keeps its share of the traffic during the rollout");
        var migrate = await SiteProcess.RunAsync(["migrate"], Environment(connection));
        migrate.ExitCode.Should().Be(0, migrate.Error);
        migrate.Output.Should().Contain(SchemaVersionTests.CompatibleMessage(NewestKnown));
        await using var restarted = SiteServer.Start(Environment(connection));
        await restarted.WaitUntilReadyAsync();
    }

    private async Task<string> NewDatabaseAsync()
    {
        var name = $"admin_site_test_{Guid.NewGuid():N}";
        _databases.Add(name);
        return await PostgresServer.CreateDatabaseAsync(name);
    }

    private static AdminSiteFactory Replica(string connection) => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:PostgreSQL"] = connection,
    });

    private static Dictionary<string, string> Environment(string connection) => new()
    {
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__PostgreSQL"] = connection,
    };
}

using System.Diagnostics;
using AdminSite.Data;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Data.Locking;

/// <summary>
/// A live holder of the migration lock is waited for, by name, and only for as long as
/// <c>Database:MigrationLockTimeoutSeconds</c> says; then <c>migrate</c> and the site starting both exit non-zero
/// naming it. Run as real processes on each provider.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSQL, Category = "PostgreSQL")]
[NonParallelizable]
public sealed class MigrationLockTests(DatabaseProvider provider)
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(provider);

    [TearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [Test]
    public async Task A_live_holder_is_waited_for_by_name_until_the_bound_then_migrate_and_the_site_exit_non_zero()
    {
        await using var holder = await _database.HoldLockAsync();
        var environment = Settings(("Database__MigrationLockTimeoutSeconds", "2"));

        var elapsed = Stopwatch.StartNew();
        await using var migrate = SiteServer.Start(environment, "migrate");
        var migrateExit = await migrate.WaitForExitAsync(TimeSpan.FromSeconds(30));
        elapsed.Stop();
        await using var site = SiteServer.Start(environment);
        var siteExit = await site.WaitForExitAsync(TimeSpan.FromSeconds(30));

        migrateExit.Should().Be(1, migrate.Output);
        elapsed.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(2));
        migrate.Output.Should().Contain("Waiting for the migration lock, held by").And.Contain(_database.HolderName)
            .And.Contain("Error: Gave up after waiting 2 s for the migration lock, held by").And.Contain("Database__MigrationLockTimeoutSeconds");
        migrate.Output.Should().NotContainAny(["fail:", "crit:"], "waiting is no error; giving up is the command's one error line");
        siteExit.Should().Be(1, site.Output);
        site.Output.Should().Contain("warn: AdminSite.Data.Locking.MigrationLock").And.Contain("crit:").And.Contain("Gave up after waiting 2 s");
        (await _database.AppliedMigrationsAsync()).Should().BeEmpty("nothing is applied without the lock");
    }

    [Test]
    public async Task When_the_holder_lets_go_migrate_takes_the_lock_and_applies_everything()
    {
        var holder = await _database.HoldLockAsync();
        await using var migrate = SiteServer.Start(Settings(), "migrate");
        await WaitForAsync(() => migrate.Output.Contains("Waiting for the migration lock", StringComparison.Ordinal) || migrate.HasExited);

        await holder.DisposeAsync();

        (await migrate.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, migrate.Output);
        migrate.Output.Should().Contain("Took the migration lock after waiting").And.Contain("Migrations applied.");
        (await _database.AppliedMigrationsAsync()).Should().Equal(_database.KnownMigrations);
    }

    [Test]
    public async Task SIGTERM_while_waiting_for_the_lock_stops_migrate_at_once_with_nothing_applied()
    {
        await using var holder = await _database.HoldLockAsync();
        await using var migrate = SiteServer.Start(Settings(), "migrate");
        await WaitForAsync(() => migrate.Output.Contains("Waiting for the migration lock", StringComparison.Ordinal) || migrate.HasExited);

        migrate.Terminate();

        (await migrate.WaitForExitAsync(TimeSpan.FromSeconds(10))).Should().Be(1, migrate.Output);
        migrate.Output.Should().Contain("Error: Stopped by a signal while waiting for the migration lock; nothing was applied.");
    }

    [Test]
    public async Task A_fresh_start_migrates_and_serves_without_an_error_line_in_its_log()
    {
        await using var site = SiteServer.Start(Settings());

        await site.WaitUntilReadyAsync();

        site.Output.Should().NotContainAny(["fail:", "crit:", "Failed executing DbCommand"], "probing a database that has no tables yet is expected:\n" + site.Output);
        (await _database.LockHolderAsync()).Should().BeNull("the lock is released once the start-up migration is done");
    }

    private Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
    {
        var environment = _database.Environment;
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
            await Task.Delay(20);
        }
    }
}

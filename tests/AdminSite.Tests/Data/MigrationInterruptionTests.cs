using System.Diagnostics;
using AdminSite.Data;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Data;

/// <summary>
/// A pod deleted while its init container migrates, on each provider: <c>migrate</c> gets SIGKILL or SIGTERM at a
/// random moment, in most rounds while it holds the migration lock, and each time a normal start serves /readyz
/// within 60 s, with every migration applied exactly once. SIGKILL leaves the lock to be taken over; SIGTERM rolls
/// the migration in flight back and releases it.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSQL, Category = "PostgreSQL")]
[NonParallelizable]
public sealed class MigrationInterruptionTests(DatabaseProvider provider)
{
    private const int RoundsPerSignal = 5;

    // Rounds aimed at the lock wait until the process holds it, then up to this long: well inside a typical hold.
    private const int AimedDelayMaxMs = 25;

    // Unaimed rounds pick any moment of the process's life (about 0.8 s when nothing slows it down).
    private const int AnyMomentMaxMs = 1200;

    private readonly List<TestDatabase> _databases = [];

    [TearDown]
    public async Task DropDatabasesAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _databases.Clear();
    }

    [Test]
    public async Task Five_SIGKILLs_and_five_SIGTERMs_during_migrate_each_leave_a_database_the_next_start_serves_within_60_s()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var rounds = new List<Round>();
        foreach (var signal in Enumerable.Repeat("SIGKILL", RoundsPerSignal).Concat(Enumerable.Repeat("SIGTERM", RoundsPerSignal)))
        {
            // Two rounds of five at any moment, three aimed at the lock.
            var aimed = rounds.Count(r => r.Signal == signal) >= 2;
            rounds.Add(await InterruptAndRestartAsync(signal, aimed, random));
        }

        TestContext.Out.WriteLine($"seed {seed}\n{string.Join("\n", rounds)}");
        rounds.Count(r => r.InsideLock).Should().BeGreaterThanOrEqualTo(5, "most aimed rounds must hit the lock, or the test proves nothing:\n" + string.Join("\n", rounds));
        rounds.Where(r => r.InsideLock).Select(r => r.Signal).Distinct().Should().HaveCount(2, "both signals must land inside the lock");
    }

    private async Task<Round> InterruptAndRestartAsync(string signal, bool aimed, Random random)
    {
        var database = await NewDatabaseAsync();
        await using var migrate = SiteServer.Start(database.Environment, "migrate");
        var delay = aimed ? random.Next(AimedDelayMaxMs) : random.Next(AnyMomentMaxMs);
        if (aimed)
        {
            await WaitUntilAsync(async () => migrate.HasExited || await database.LockHolderAsync() == migrate.ProcessId);
        }

        await Task.Delay(delay);
        var heldBeforeSignal = await database.LockHolderAsync() == migrate.ProcessId;
        if (signal == "SIGKILL")
        {
            migrate.Kill();
        }
        else
        {
            migrate.Terminate();
        }

        var exitCode = await migrate.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var leftBehind = await database.LockHolderAsync() == migrate.ProcessId;
        if (signal == "SIGTERM")
        {
            leftBehind.Should().BeFalse("SIGTERM releases the lock:\n" + migrate.Output);
            if (heldBeforeSignal && exitCode != 0)
            {
                // Caught holding the lock (unless it finished in between): stopped cleanly, whatever it was doing.
                exitCode.Should().Be(1, migrate.Output);
                migrate.Output.Should().Contain("Error: Stopped by a signal");
            }
        }

        var restart = Stopwatch.StartNew();
        await using var site = SiteServer.Start(database.Environment);
        await site.WaitUntilReadyAsync();
        restart.Stop();

        (await database.AppliedMigrationsAsync()).Should().Equal(database.KnownMigrations, "each migration applied once, in order");
        site.Output.Should().NotContainAny(["fail:", "crit:"], "an interrupted migration is no error for the next start:\n" + site.Output);
        if (leftBehind)
        {
            site.Output.Should().Contain($"Took over the migration lock from process {migrate.ProcessId}");
        }

        return new Round(signal, aimed, delay, heldBeforeSignal, exitCode, restart.Elapsed);
    }

    private async Task<TestDatabase> NewDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(provider);
        _databases.Add(database);
        return database;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "migrate should take the lock within moments");
            await Task.Delay(2);
        }
    }

    private sealed record Round(string Signal, bool Aimed, int DelayMs, bool InsideLock, int ExitCode, TimeSpan Restart)
    {
        public override string ToString() =>
            $"{Signal} {(Aimed ? "after the lock was taken" : "after start")} + {DelayMs} ms: {(InsideLock ? "inside" : "outside")} the lock, " +
            $"exit code {ExitCode}, next start ready in {Restart.TotalSeconds:0.0} s";
    }
}

using AdminSite.Data;
using AdminSite.Data.Locking;
using AdminSite.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Data.Locking;

/// <summary>
/// The SQLite lock's owner row: whose holder counts as dead (ended, its pid reused, or elsewhere with a stale
/// heartbeat), that a takeover has one winner, and that a holder renews, releases, and notices a takeover.
/// </summary>
[TestFixture]
public sealed class SqliteMigrationLockTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    private DirectoryInfo _folder = null!;
    private SqliteAdminDbContext _db = null!;
    private CapturingLogger _logger = null!;

    private string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "admin-site.db")};Pooling=False";

    [SetUp]
    public void CreateDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("admin-site-lock-");
        _db = new SqliteAdminDbContext(new DbContextOptionsBuilder<SqliteAdminDbContext>().UseSqlite(ConnectionString).Options);
        _logger = new CapturingLogger();
    }

    [TearDown]
    public async Task DeleteDatabaseAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task A_holder_in_this_process_space_whose_process_has_ended_is_taken_over_at_once()
    {
        await SqliteLockRows.InsertAsync(ConnectionString, ProcessIdentity.Current with { ProcessId = await EndedProcessIdAsync() }, DateTime.UtcNow);

        await using var taken = await AcquireAsync(Short);

        _logger.Messages.Should().ContainSingle(m => m.StartsWith("Took over the migration lock from process", StringComparison.Ordinal) && m.EndsWith("has ended.", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_holder_whose_pid_now_belongs_to_another_process_is_taken_over_at_once()
    {
        // This very pid, but started at another time: the holder ended and its pid was handed on.
        await SqliteLockRows.InsertAsync(ConnectionString, ProcessIdentity.Current with { StartedAt = "1" }, DateTime.UtcNow);

        await using var taken = await AcquireAsync(Short);

        _logger.Messages.Should().ContainSingle(m => m.StartsWith("Took over the migration lock", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_holder_elsewhere_is_waited_for_while_its_heartbeat_is_fresh()
    {
        await SqliteLockRows.InsertAsync(ConnectionString, Elsewhere, DateTime.UtcNow);

        var wait = async () => await AcquireAsync(Short);

        (await wait.Should().ThrowAsync<MigrationLockTimeoutException>())
            .Which.Message.Should().StartWith("Gave up after waiting 2 s for the migration lock, held by process 1 on pod-a (run 01234567, last heartbeat ");
        _logger.Messages.Should().Contain(m => m.StartsWith("Waiting for the migration lock, held by process 1 on pod-a", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_holder_elsewhere_is_taken_over_once_its_heartbeat_is_older_than_the_bound()
    {
        await SqliteLockRows.InsertAsync(ConnectionString, Elsewhere, DateTime.UtcNow - SqliteMigrationLock.StaleAfter - TimeSpan.FromSeconds(5));

        await using var taken = await AcquireAsync(Short);

        _logger.Messages.Should().ContainSingle(m => m.StartsWith("Took over the migration lock from process 1 on pod-a", StringComparison.Ordinal) && m.Contains("its last heartbeat is 3", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_signal_just_after_the_row_is_claimed_leaves_no_row_behind()
    {
        // The signal lands between the claim and the hand-over (here: as the takeover is logged), when the row
        // is ours but no held lock exists yet to release it. It must be handed over anyway; the caller then stops.
        await SqliteLockRows.InsertAsync(ConnectionString, ProcessIdentity.Current with { ProcessId = await EndedProcessIdAsync() }, DateTime.UtcNow);
        using var signal = new CancellationTokenSource();
        var logger = new CapturingLogger(m => { if (m.StartsWith("Took over", StringComparison.Ordinal)) signal.Cancel(); });

        var acquire = async () => await MigrationLock.AcquireAsync(_db.Database, Short, logger, signal.Token);

        var taken = (await acquire.Should().NotThrowAsync("a claimed row is handed over, whatever arrives meanwhile")).Subject;
        await taken.DisposeAsync();
        (await SqliteLockRows.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM \"__MigrationLock\"")).Should().Be(0);
    }

    [Test]
    public async Task Of_two_processes_taking_over_a_dead_holder_one_wins_and_the_other_waits_for_it()
    {
        await SqliteLockRows.InsertAsync(ConnectionString, Elsewhere, DateTime.UtcNow.AddHours(-1));
        await using var other = new SqliteAdminDbContext(new DbContextOptionsBuilder<SqliteAdminDbContext>().UseSqlite(ConnectionString).Options);

        var attempts = await Task.WhenAll(TryAcquireAsync(_db), TryAcquireAsync(other));

        attempts.Count(a => a.Lock is not null).Should().Be(1);
        attempts.Single(a => a.Lock is null).Error.Should().BeOfType<MigrationLockTimeoutException>()
            .Which.Holder.Description.Should().StartWith(ProcessIdentity.Current.ToString(), "the loser names the winner");
        await attempts.Single(a => a.Lock is not null).Lock!.DisposeAsync();
    }

    [Test]
    public async Task The_holder_renews_its_heartbeat_and_deletes_its_row_on_release()
    {
        var taken = await AcquireAsync(Short);
        var first = await HeartbeatAsync();

        await Task.Delay(SqliteMigrationLock.HeartbeatInterval + TimeSpan.FromSeconds(1));
        var later = await HeartbeatAsync();
        await taken.DisposeAsync();

        later.Should().BeAfter(first);
        (await SqliteLockRows.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM \"__MigrationLock\"")).Should().Be(0);
    }

    [Test]
    public async Task A_holder_whose_row_was_taken_over_learns_it_at_its_next_heartbeat()
    {
        await using var taken = await AcquireAsync(Short);

        await SqliteLockRows.DeleteAsync(ConnectionString);
        await SqliteLockRows.InsertAsync(ConnectionString, Elsewhere, DateTime.UtcNow);

        await Task.WhenAny(Task.Delay(Timeout.Infinite, taken.Lost), Task.Delay(SqliteMigrationLock.HeartbeatInterval * 3));

        taken.Lost.IsCancellationRequested.Should().BeTrue("the migration under way is cancelled");
        _logger.Messages.Should().Contain(m => m.StartsWith("Another process took the migration lock over", StringComparison.Ordinal));
    }

    [Test]
    public async Task The_row_EF_Cores_own_lock_left_behind_is_removed_once_this_lock_is_held()
    {
        await SqliteLockRows.ScalarAsync<long>(ConnectionString,
            "CREATE TABLE \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-01-01')");

        await using var taken = await AcquireAsync(Short);

        (await SqliteLockRows.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM \"__EFMigrationsLock\"")).Should().Be(0);
        _logger.Messages.Should().Contain(m => m.StartsWith("Removed the row EF Core's own migration lock had left behind", StringComparison.Ordinal));
    }

    // Another pod: a process space this one cannot look into.
    private static ProcessIdentity Elsewhere => new("pod-a", 1, "12345", "another-boot another-namespace");

    private Task<MigrationLock> AcquireAsync(TimeSpan timeout) => MigrationLock.AcquireAsync(_db.Database, timeout, _logger, CancellationToken.None);

    private async Task<(MigrationLock? Lock, Exception? Error)> TryAcquireAsync(AdminDbContext db)
    {
        try
        {
            return (await MigrationLock.AcquireAsync(db.Database, Short, _logger, CancellationToken.None), null);
        }
        catch (MigrationLockTimeoutException e)
        {
            return (null, e);
        }
    }

    private async Task<DateTime> HeartbeatAsync() =>
        DateTime.Parse((await SqliteLockRows.ScalarAsync<string>(ConnectionString, "SELECT \"HeartbeatAt\" FROM \"__MigrationLock\""))!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);

    private static async Task<int> EndedProcessIdAsync()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}

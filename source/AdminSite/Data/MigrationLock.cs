using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AdminSite.Data;

/// <summary>
/// One migrator at a time across every replica and init container, for the whole run: the schema check, then
/// every pending migration. On PostgreSQL, EF Core's own lock (LOCK TABLE) ends with each migration's
/// transaction, while the list of migrations to apply is read once at the start, so two pods starting on an
/// empty database could both apply the second migration (a test saw exactly that). A session-level advisory
/// lock, held on the context's connection until the end, closes that gap. SQLite needs nothing more: EF Core
/// holds its lock row there until the run ends.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    // Any 64-bit number works if every replica uses the same one: "adminsmg" in ASCII.
    private const long AdvisoryKey = 0x61646D696E736D67;

    private readonly AdminDbContext? _db;

    private MigrationLock(AdminDbContext? db) => _db = db;

    public static async Task<MigrationLock> AcquireAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new MigrationLock(null);
        }

        await EnsureDatabaseExistsAsync(db, cancellationToken);
        // Opened here, the connection stays open (and the lock held) through every migration that follows.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryKey})", cancellationToken);
        return new MigrationLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }

        try
        {
            await _db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryKey})");
        }
        finally
        {
            // Closing the session would release the lock anyway; unlocking first returns the connection clean to the pool.
            await _db.Database.CloseConnectionAsync();
        }
    }

    // Migrate() used to create a missing database itself; the lock needs a connection to it first.
    private static async Task EnsureDatabaseExistsAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica created it first.
        }
    }
}

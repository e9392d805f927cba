using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AdminSite.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminSite.Identity;

/// <summary>
/// The lockout of both login steps, counted by user name for every name, real or not, in one table with one
/// rule: so "locked out", its expiry, and what happens when the count cannot be written say nothing about which
/// accounts exist. (Identity's own per-account counter is not used: it lives on the account row, so it behaves
/// differently for names without one.)
/// </summary>
/// <remarks>
/// Names are counted in a fixed number of buckets (a hash of the normalized name), so no client can grow the
/// table beyond <see cref="LockoutSettings.NameBuckets"/> rows however many names it tries; rows idle for a day
/// are dropped. Names sharing a bucket share a count: with a million buckets that costs a real user a lockout only
/// when someone sprays hundreds of thousands of names within minutes, which the per-address limit stands against.
/// </remarks>
public sealed class LoginLockout(AdminDbContext db, ILookupNormalizer normalizer, IOptions<SecurityOptions> security, TimeProvider time)
{
    /// <summary>A count not added to for this long starts again from zero.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>Whether <paramref name="userName"/> is locked out now; nothing else is checked for a locked name.</summary>
    public async Task<bool> IsLockedOutAsync(string userName, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(userName);
        var now = Now;
        return await db.LoginFailures.AsNoTracking().AnyAsync(f => f.Key == key && f.LockoutEnd > now, cancellationToken);
    }

    /// <summary>Counts a failure for <paramref name="userName"/>; true when the name is now locked out.</summary>
    /// <remarks>A failure that cannot be stored (a full or read-only disk) throws, for every name alike: it is never let through uncounted.</remarks>
    public async Task<bool> FailAsync(string userName, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(userName);
        bool locked;
        try
        {
            locked = await CountAsync(key, cancellationToken);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<LoginFailure>().Any(e => e.State == EntityState.Added))
        {
            // Another request (or replica) made the row first: count on top of theirs. Anything else goes up.
            db.ChangeTracker.Clear();
            locked = await CountAsync(key, cancellationToken);
        }

        var now = Now;
        var stale = now - Retention;
        await db.LoginFailures.Where(f => f.LastFailure < stale && (f.LockoutEnd == null || f.LockoutEnd < now)).ExecuteDeleteAsync(cancellationToken);
        return locked;
    }

    /// <summary>A success clears the name's count, as Identity resets an account's.</summary>
    public Task ResetAsync(string userName, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(userName);
        return db.LoginFailures.Where(f => f.Key == key && (f.LockoutEnd == null || f.LockoutEnd < Now)).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> CountAsync(string key, CancellationToken cancellationToken)
    {
        var now = Now;
        var settings = security.Value.Lockout;
        var failure = await db.LoginFailures.FindAsync([key], cancellationToken);
        if (failure is null)
        {
            failure = new LoginFailure { Key = key };
            db.LoginFailures.Add(failure);
        }
        else if (failure.LastFailure < now - Retention && !(failure.LockoutEnd > now))
        {
            failure.FailedCount = 0;
        }

        failure.FailedCount++;
        failure.LastFailure = now;
        if (failure.FailedCount >= settings.MaxFailedAttempts)
        {
            // Like Identity: the lockout starts and the count starts again.
            failure.LockoutEnd = now.AddMinutes(settings.Minutes);
            failure.FailedCount = 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Entry(failure).State = EntityState.Detached;
        return failure.LockoutEnd > now;
    }

    /// <summary>The bucket of the normalized name (so <c>ａｄｍｉｎ</c> counts as <c>admin</c>); the table never holds a typed name.</summary>
    private string KeyOf(string userName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalizer.NormalizeName(userName) ?? ""));
        var bucket = BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)security.Value.Lockout.NameBuckets;
        return "name-bucket:" + bucket.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

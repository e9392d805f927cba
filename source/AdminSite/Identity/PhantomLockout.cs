using System.Security.Cryptography;
using System.Text;
using AdminSite.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminSite.Identity;

/// <summary>
/// Answers a login for a user name that cannot sign in (unknown, inactive or not staff) the way Identity
/// answers one for a real account: a password hash is checked, failures are counted, and after the same
/// number of failures the name is "locked out" for the same time. Without this, "locked out" would only
/// ever appear for real accounts, and five tries would tell anyone which names exist.
/// </summary>
public sealed class PhantomLockout(
    AdminDbContext db,
    IPasswordHasher<AdminUser> hasher,
    ILookupNormalizer normalizer,
    IOptions<IdentityOptions> identity,
    TimeProvider time)
{
    /// <summary>Rows this old (and not locked) are forgotten, as a real account's count is reset by time too.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    // Made by the site's own hasher, so checking it costs what checking a real password costs.
    private static string? _dummyHash;

    /// <summary>Records a failed login for <paramref name="userName"/>; true when the name is (now) locked out.</summary>
    public async Task<bool> FailAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var key = KeyOf(userName);
        var now = time.GetUtcNow().UtcDateTime;
        var failure = await db.LoginFailures.FindAsync([key], cancellationToken);
        if (failure?.LockoutEnd > now)
        {
            // Identity does not check the password of a locked account either.
            return true;
        }

        // As long as checking a real account's password takes, so the time taken does not tell either.
        _dummyHash ??= hasher.HashPassword(new AdminUser(), RandomNumberGenerator.GetHexString(32));
        hasher.VerifyHashedPassword(new AdminUser(), _dummyHash, password);

        var lockout = identity.Value.Lockout;
        if (failure is null)
        {
            failure = new LoginFailure { Key = key };
            db.LoginFailures.Add(failure);
        }

        failure.FailedCount++;
        failure.LastFailure = now;
        if (failure.FailedCount >= lockout.MaxFailedAccessAttempts)
        {
            // Like Identity: the lockout starts and the count starts again.
            failure.LockoutEnd = now + lockout.DefaultLockoutTimeSpan;
            failure.FailedCount = 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request (or replica) counted the same name at the same moment; one count is enough.
            db.ChangeTracker.Clear();
        }

        var stale = now - Retention;
        await db.LoginFailures.Where(f => f.LastFailure < stale && (f.LockoutEnd == null || f.LockoutEnd < now)).ExecuteDeleteAsync(cancellationToken);
        return failure.LockoutEnd > now;
    }

    private string KeyOf(string userName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizer.NormalizeName(userName) ?? "")));
}

using System.Security.Cryptography;
using AdminSite.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Identity;

/// <summary>
/// The server's record of who is signed in where: a row per sign-in, named by the cookie, ended by logout or from
/// the sessions page, and purged once idle for as long as the cookie itself would last.
/// </summary>
public sealed class UserSessions(AdminDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>The cookie's claim naming its session (the name OpenID Connect gives a session id).</summary>
    public const string ClaimType = "sid";

    /// <summary>The cookie's sliding lifetime: a session idle this long is over, on the server as in the browser.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromDays(14);

    /// <summary>How stale "last seen" may get: updating it on every request would make every page view a write.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Sessions kept per user; signing in once more ends the least recently seen. With the idle purge this bounds
    /// the table, however often a script signs in.
    /// </summary>
    public const int MaxPerUser = 50;

    /// <summary>A new session for <paramref name="user"/> from this request's client; returns its id for the cookie.</summary>
    public async Task<string> StartAsync(AdminUser user, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var session = new UserSession
        {
            Id = RandomNumberGenerator.GetHexString(UserSession.IdLength, lowercase: true),
            UserId = user.Id,
            Created = now,
            LastSeen = now,
            ClientAddress = ClientAddress(),
            UserAgent = Truncate(http.HttpContext?.Request.Headers.UserAgent.ToString(), UserSession.UserAgentMaxLength),
            SecurityStamp = user.SecurityStamp,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;

        var idle = now - IdleLifetime;
        await db.UserSessions.Where(s => s.Revoked != null || s.LastSeen < idle).ExecuteDeleteAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == user.Id)
            .OrderByDescending(s => s.LastSeen).ThenByDescending(s => s.Created)
            .Skip(MaxPerUser)
            .ExecuteDeleteAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>The same session signed in again (its cookie reissued, e.g. after the user changed their own password).</summary>
    public Task RenewAsync(string sessionId, AdminUser user, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var address = ClientAddress();
        return db.UserSessions.Where(s => s.Id == sessionId && s.UserId == user.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.SecurityStamp, user.SecurityStamp).SetProperty(s => s.LastSeen, now).SetProperty(s => s.ClientAddress, address), cancellationToken);
    }

    /// <summary>Records that the session is still in use, from where (called only once <see cref="TouchInterval"/> has passed).</summary>
    public Task TouchAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var address = ClientAddress();
        return db.UserSessions.Where(s => s.Id == sessionId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeen, now).SetProperty(s => s.ClientAddress, address), cancellationToken);
    }

    /// <summary>Ends one of <paramref name="userId"/>'s sessions for good; false when it was not theirs or had already ended.</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.Revoked == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Revoked, now), cancellationToken) > 0;
    }

    /// <summary>The user's sessions that still let a browser in, most recently seen first.</summary>
    public async Task<IReadOnlyList<UserSession>> ActiveAsync(string userId, CancellationToken cancellationToken = default)
    {
        var idle = Now - IdleLifetime;
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.Revoked == null && s.LastSeen > idle
                && db.Users.Any(u => u.Id == userId && u.SecurityStamp == s.SecurityStamp))
            .OrderByDescending(s => s.LastSeen).ThenByDescending(s => s.Created)
            .ToListAsync(cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private string? ClientAddress()
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress;
        return Truncate((address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString(), UserSession.AddressMaxLength);
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}

using System.Security.Claims;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Authorization;

/// <summary>
/// Loads the current user's flags and permissions from the database, once per request (scoped).
/// Reading them per request, as Django does, means revoking staff status or a permission takes
/// effect on the next click instead of when a cookie expires. The cookie's session row is read in the same
/// query, so checking that the session has not ended costs no extra round trip.
/// </summary>
public sealed class AdminAccessProvider(AdminDbContext db, TimeProvider time)
{
    private AdminAccess? _access;
    private string? _securityStamp;
    private DateTime? _sessionLastSeen;

    public async Task<AdminAccess> GetAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (_access is not null)
        {
            return _access;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return _access = AdminAccess.Nobody;
        }

        var sessionId = principal.FindFirstValue(UserSessions.ClaimType);
        var idle = time.GetUtcNow().UtcDateTime - UserSessions.IdleLifetime;
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.UserName, u.IsActive, u.IsStaff, u.IsSuperuser, u.SecurityStamp, u.TwoFactorEnabled, u.Theme,
                SessionLastSeen = db.UserSessions
                    .Where(s => s.Id == sessionId && s.UserId == u.Id && s.Revoked == null && s.LastSeen > idle)
                    .Select(s => (DateTime?)s.LastSeen)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return _access = AdminAccess.Nobody;
        }

        _securityStamp = user.SecurityStamp;
        _sessionLastSeen = user.SessionLastSeen;
        var permissions = user.IsSuperuser || !user.IsActive || !user.IsStaff
            ? new HashSet<string>()
            : await LoadPermissionsAsync(userId, cancellationToken);
        return _access = new AdminAccess(
            userId, user.UserName ?? "", user.IsActive, user.IsStaff, user.IsSuperuser, permissions, user.TwoFactorEnabled, user.Theme);
    }

    /// <summary>The stamp read with the access; a different one in the cookie means the password changed.</summary>
    public async Task<string?> GetSecurityStampAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await GetAsync(principal, cancellationToken);
        return _securityStamp;
    }

    /// <summary>When the cookie's session was last seen, read with the access; null when it has ended (or never was).</summary>
    public async Task<DateTime?> GetSessionLastSeenAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await GetAsync(principal, cancellationToken);
        return _sessionLastSeen;
    }

    private async Task<HashSet<string>> LoadPermissionsAsync(string userId, CancellationToken cancellationToken)
    {
        var own = db.UserClaims
            .Where(c => c.UserId == userId && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!);
        var fromGroups = db.RoleClaims
            .Where(c => c.ClaimType == Permissions.ClaimType && db.UserRoles.Any(ur => ur.UserId == userId && ur.RoleId == c.RoleId))
            .Select(c => c.ClaimValue!);
        var values = await own.Union(fromGroups).ToListAsync(cancellationToken);
        return values.ToHashSet(StringComparer.Ordinal);
    }
}

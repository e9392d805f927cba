using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Identity;

/// <summary>
/// Puts only who the user is into the cookie. Flags and permissions are read per request
/// (see AdminAccessProvider), so the cookie never carries stale grants.
/// </summary>
public sealed class AdminClaimsPrincipalFactory(IOptions<IdentityOptions> options) : IUserClaimsPrincipalFactory<AdminUser>
{
    public Task<ClaimsPrincipal> CreateAsync(AdminUser user)
    {
        var claims = options.Value.ClaimsIdentity;
        var identity = new ClaimsIdentity(
            IdentityConstants.ApplicationScheme, claims.UserNameClaimType, claims.RoleClaimType);
        identity.AddClaim(new Claim(claims.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(claims.UserNameClaimType, user.UserName ?? ""));
        identity.AddClaim(new Claim(claims.SecurityStampClaimType, user.SecurityStamp ?? ""));
        return Task.FromResult(new ClaimsPrincipal(identity));
    }
}

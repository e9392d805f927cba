using System.Security.Cryptography;
using System.Text;
using AdminSite.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace AdminSite.Identity;

/// <summary>
/// Identity's EF store, except that two-factor recovery codes are kept as SHA-256 hashes: they are shown
/// once, and a copy of the database must not be a list of ways in. The codes are random (about 47 bits each),
/// so an unsalted hash is enough; Identity compares what the user types after hashing it the same way.
/// User names are stored in their NFKC form (see <see cref="AdminLookupNormalizer"/>), whoever writes them.
/// </summary>
public sealed class AdminUserStore(AdminDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AdminUser, AdminGroup, AdminDbContext, string>(context, describer)
{
    public override Task<IdentityResult> CreateAsync(AdminUser user, CancellationToken cancellationToken = default)
    {
        user.UserName = AdminLookupNormalizer.StoredForm(user.UserName);
        return base.CreateAsync(user, cancellationToken);
    }

    public override Task<IdentityResult> UpdateAsync(AdminUser user, CancellationToken cancellationToken = default)
    {
        user.UserName = AdminLookupNormalizer.StoredForm(user.UserName);
        return base.UpdateAsync(user, cancellationToken);
    }

    public override Task ReplaceCodesAsync(AdminUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override Task<bool> RedeemCodeAsync(AdminUser user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, Hash(code), cancellationToken);

    /// <summary>Codes read "ABCDE-12345"; spaces and case do not matter when typing one.</summary>
    internal static string Hash(string code)
    {
        var normalized = TwoFactorCode.WithoutSpaces(code).ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}

using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Infrastructure;

/// <summary>Builders for users and groups, written straight through Identity (no audit entries).</summary>
public static class TestData
{
    public const string Password = "Tr1cky-Passphrase!";

    public sealed record UserSpec(
        string UserName,
        bool Staff = true,
        bool Superuser = false,
        bool Active = true,
        string? Email = null,
        string FirstName = "",
        string LastName = "",
        string[]? Permissions = null,
        string[]? Groups = null,
        string? Password = TestData.Password);

    public static async Task<AdminUser> CreateUserAsync(this AdminSiteFactory site, UserSpec spec)
    {
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var user = new AdminUser
        {
            UserName = spec.UserName,
            Email = spec.Email,
            FirstName = spec.FirstName,
            LastName = spec.LastName,
            IsStaff = spec.Staff,
            IsSuperuser = spec.Superuser,
            IsActive = spec.Active,
        };
        var result = spec.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, spec.Password);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var permission in spec.Permissions ?? [])
        {
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = user.Id, ClaimType = Permissions.ClaimType, ClaimValue = permission });
        }

        foreach (var groupName in spec.Groups ?? [])
        {
            var group = await db.Roles.SingleAsync(g => g.Name == groupName);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = group.Id });
        }

        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<AdminGroup> CreateGroupAsync(this AdminSiteFactory site, string name, params string[] permissions)
    {
        await using var scope = site.Scope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AdminGroup>>();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var group = new AdminGroup(name);
        (await roles.CreateAsync(group)).Succeeded.Should().BeTrue();
        foreach (var permission in permissions)
        {
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = group.Id, ClaimType = Permissions.ClaimType, ClaimValue = permission });
        }

        await db.SaveChangesAsync();
        return group;
    }

    /// <summary>Many password-less users at once (hashing a password per user would take seconds).</summary>
    public static async Task SeedUsersAsync(this AdminSiteFactory site, IEnumerable<AdminUser> users)
    {
        await site.WithDbAsync(async db =>
        {
            foreach (var user in users)
            {
                user.NormalizedUserName = user.UserName!.ToUpperInvariant();
                user.NormalizedEmail = user.Email?.ToUpperInvariant();
                user.SecurityStamp = Guid.NewGuid().ToString();
                db.Users.Add(user);
            }

            await db.SaveChangesAsync();
        });
    }

    public static async Task<SiteClient> SignedInAsync(this AdminSiteFactory site, string userName, string password = Password)
    {
        var client = site.CreateSiteClient();
        await client.LogInAsync(userName, password);
        return client;
    }

    public static Task<AdminUser?> FindUserAsync(this AdminSiteFactory site, string userName) =>
        site.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName));
}

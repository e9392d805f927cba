using Microsoft.AspNetCore.Authorization;

namespace AdminSite.Authorization;

public static class AdminPolicies
{
    /// <summary>Every page under /admin: a signed-in, active staff member.</summary>
    public const string Staff = "AdminStaff";

    /// <summary>Superusers only (the audit browser): what no permission can grant.</summary>
    public const string Superuser = "AdminSuperuser";

    /// <summary>Prefix of the policies <see cref="RequirePermissionAttribute"/> names; the rest is the permissions, any of which will do.</summary>
    public const string PermissionPrefix = "AdminPermission:";

    public static AuthorizationPolicy StaffPolicy { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new StaffRequirement())
        .Build();

    public static AuthorizationPolicy SuperuserPolicy { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new StaffRequirement(), new SuperuserRequirement())
        .Build();
}

public sealed class StaffRequirement : IAuthorizationRequirement;

public sealed class SuperuserRequirement : IAuthorizationRequirement;

public sealed class PermissionRequirement(IReadOnlyList<string> anyOf) : IAuthorizationRequirement
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;
}

/// <summary>Requires staff status and at least one of the permissions (a superuser has them all).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequirePermissionAttribute(params string[] anyOf)
    : AuthorizeAttribute(AdminPolicies.PermissionPrefix + string.Join('|', anyOf));

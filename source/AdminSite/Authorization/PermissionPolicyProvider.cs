using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AdminSite.Authorization;

/// <summary>Builds permission policies from their names, so pages need no policy registered up front.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(AdminPolicies.PermissionPrefix, StringComparison.Ordinal))
        {
            return await base.GetPolicyAsync(policyName);
        }

        var permissions = policyName[AdminPolicies.PermissionPrefix.Length..].Split('|', StringSplitOptions.RemoveEmptyEntries);
        if (permissions.Length == 0 || !permissions.All(Permissions.Exists))
        {
            throw new InvalidOperationException($"Policy '{policyName}' names an unknown permission.");
        }

        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new StaffRequirement(), new PermissionRequirement(permissions))
            .Build();
    }
}

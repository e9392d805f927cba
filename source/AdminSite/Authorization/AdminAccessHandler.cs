using Microsoft.AspNetCore.Authorization;

namespace AdminSite.Authorization;

/// <summary>Decides staff and permission requirements from the per-request <see cref="AdminAccess"/>.</summary>
public sealed class AdminAccessHandler : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Resource is not HttpContext http || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var access = await http.RequestServices.GetRequiredService<AdminAccessProvider>().GetAsync(context.User, http.RequestAborted);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                StaffRequirement => access.IsStaff,
                SuperuserRequirement => access.IsSuperuser,
                PermissionRequirement p => access.HasAny([.. p.AnyOf]),
                _ => (bool?)null,
            };
            if (met == true)
            {
                context.Succeed(requirement);
            }
        }
    }
}

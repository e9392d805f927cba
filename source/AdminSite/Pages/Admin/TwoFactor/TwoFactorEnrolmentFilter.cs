using AdminSite.Authorization;
using AdminSite.Identity;
using AdminSite.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace AdminSite.Pages.Admin.TwoFactor;

/// <summary>
/// With <c>Security:RequireTwoFactorForSuperusers</c>, a superuser without an authenticator app is sent to
/// enrol before any other admin page: a superuser's password alone is too much to lose.
/// </summary>
public sealed class TwoFactorEnrolmentFilter : IAsyncPageFilter
{
    /// <summary>This filter's own folder: its pages stay reachable, and its Setup page is where superusers are sent.</summary>
    public const string EnrolmentFolder = "/Admin/TwoFactor";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        if (!services.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireTwoFactorForSuperusers
            || context.ActionDescriptor.ViewEnginePath.StartsWith(EnrolmentFolder + "/", StringComparison.Ordinal))
        {
            await next();
            return;
        }

        var access = await services.GetRequiredService<AdminAccessProvider>().GetAsync(context.HttpContext.User, context.HttpContext.RequestAborted);
        if (access.IsSuperuser && !access.TwoFactorEnabled)
        {
            var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
            tempData.AddMessage(MessageLevel.Warning, "Superusers must set up two-factor authentication before they can use the admin.");
            context.Result = new RedirectToPageResult(EnrolmentFolder + "/Setup");
            return;
        }

        await next();
    }
}

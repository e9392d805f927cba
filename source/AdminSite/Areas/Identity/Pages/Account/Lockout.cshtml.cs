using AdminSite.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AdminSite.Areas.Identity.Pages.Account;

/// <summary>
/// Shown after too many failed logins for one user name. Unknown names get it after as many tries (see
/// LoginLockout), so it says nothing about whether the account exists.
/// </summary>
[AllowAnonymous]
public sealed class LockoutModel(IOptions<SecurityOptions> security) : PageModel
{
    public int Minutes => security.Value.Lockout.Minutes;

    public void OnGet()
    {
    }
}

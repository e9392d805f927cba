using AdminSite.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminSite.Areas.Identity.Pages.Account;

/// <summary>Logging out is a POST (a link or image could otherwise sign people out); GET only shows the page.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<AdminUser> signInManager) : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return RedirectToPage();
    }
}

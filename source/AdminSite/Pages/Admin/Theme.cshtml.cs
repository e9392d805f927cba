using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin;

/// <summary>
/// Saves the colour theme on the account (so it follows the user to any browser) from the small form in the
/// header, which works without JavaScript; then goes back to the page it was sent from.
/// </summary>
public sealed class ThemeModel(AdminDbContext db) : AdminPageModel
{
    public IActionResult OnGet() => Redirect(LocalUrls.Home);

    public async Task<IActionResult> OnPostAsync([FromForm] string? theme, [FromForm] string? next, CancellationToken cancellationToken)
    {
        if (!ColorThemes.TryParse(theme, out var chosen))
        {
            return BadRequest();
        }

        // A preference, not a privilege: no audit entry, and the security stamp stays as it is.
        await db.Users.Where(u => u.Id == Access.UserId).ExecuteUpdateAsync(set => set.SetProperty(u => u.Theme, chosen), cancellationToken);
        return LocalRedirect(LocalUrls.OrHome(Url, next));
    }
}

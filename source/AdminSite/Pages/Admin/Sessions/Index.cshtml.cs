using System.Security.Claims;
using AdminSite.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminSite.Pages.Admin.Sessions;

/// <summary>
/// The signed-in user's own sessions (each browser that is signed in, from where, last seen when), any of which
/// they can end: a session on a lost laptop stops working on its next request.
/// </summary>
public sealed class IndexModel(UserSessions sessions) : AdminPageModel
{
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public string? CurrentSessionId => User.FindFirstValue(UserSessions.ClaimType);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sessions = await sessions.ActiveAsync(Access.UserId, cancellationToken);

    public async Task<IActionResult> OnPostEndAsync([FromForm] string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return BadRequest();
        }

        if (id == CurrentSessionId)
        {
            Warning("This is the session you are using: log out to end it.");
        }
        else if (await sessions.EndAsync(Access.UserId, id, cancellationToken))
        {
            Success("The session was ended: that browser is signed out on its next request.");
        }
        else
        {
            Warning("That session had already ended.");
        }

        return RedirectToPage();
    }
}

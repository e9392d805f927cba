using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Areas.Identity.Pages.Account;

/// <summary>Django's last_login, set by whichever step completes the login: the password, or the two-factor code after it.</summary>
internal static class LastLogin
{
    public static async Task RecordAsync(UserManager<AdminUser> users, AdminUser user, TimeProvider time)
    {
        user.LastLogin = time.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
    }
}

using Microsoft.AspNetCore.Identity;

namespace AdminSite.Identity;

/// <summary>An account, with the flags and dates Django's <c>auth.User</c> has.</summary>
public class AdminUser : IdentityUser
{
    public const int NameMaxLength = 150;
    public const int EmailMaxLength = 254;

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>Inactive accounts cannot sign in; Django prefers this to deleting an account.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Only staff may sign in to this site.</summary>
    public bool IsStaff { get; set; }

    /// <summary>Superusers have every permission without it being granted.</summary>
    public bool IsSuperuser { get; set; }

    public DateTime DateJoined { get; set; } = DateTime.UtcNow;

    public DateTime? LastLogin { get; set; }

    /// <summary>Light, dark, or whatever the browser prefers; kept on the account so it follows the user.</summary>
    public ColorTheme Theme { get; set; } = ColorTheme.Auto;
}

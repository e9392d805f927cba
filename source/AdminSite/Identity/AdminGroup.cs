using Microsoft.AspNetCore.Identity;

namespace AdminSite.Identity;

/// <summary>A Django group: an Identity role whose role claims are its permissions.</summary>
public class AdminGroup : IdentityRole
{
    public const int NameMaxLength = 150;

    public AdminGroup()
    {
    }

    public AdminGroup(string name) : base(name)
    {
    }
}

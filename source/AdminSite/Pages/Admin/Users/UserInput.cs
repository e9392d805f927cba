using System.ComponentModel.DataAnnotations;
using AdminSite.Identity;

namespace AdminSite.Pages.Admin.Users;

/// <summary>The user change form: Django's personal info, permissions and status flags.</summary>
public sealed class UserInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(AdminUser.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
    public string UserName { get; set; } = "";

    [StringLength(AdminUser.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
    public string? FirstName { get; set; }

    [StringLength(AdminUser.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
    public string? LastName { get; set; }

    [StringLength(AdminUser.EmailMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string? Email { get; set; }

    public bool IsActive { get; set; }

    public bool IsStaff { get; set; }

    public bool IsSuperuser { get; set; }

    public string[] Groups { get; set; } = [];

    public string[] UserPermissions { get; set; } = [];
}

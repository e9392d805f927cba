using System.ComponentModel.DataAnnotations;
using AdminSite.Identity;

namespace AdminSite.Pages.Admin.Groups;

public sealed class GroupInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(AdminGroup.NameMaxLength, ErrorMessage = "Ensure this value has at most {1} characters.")]
    public string Name { get; set; } = "";

    public string[] Permissions { get; set; } = [];
}

/// <summary>What the shared group form partial needs.</summary>
public sealed record GroupForm(GroupInput Input, bool ReadOnly, bool CanAdd, bool CanDelete, string? GroupId);

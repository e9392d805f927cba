using AdminSite.Authorization;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;
using static AdminSite.Audit.FieldChange;

namespace AdminSite.Audit;

/// <summary>
/// What the audit log records of a user or a group, field by field, with the labels the forms use. Only what
/// an administrator sees on the form: no hash, stamp, key or code is ever among them.
/// </summary>
public static class AuditValues
{
    /// <summary>Fields that change what a user may do; changing one signs the user out everywhere.</summary>
    public static readonly IReadOnlySet<string> PrivilegeFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "Active", "Staff status", "Superuser status", "Groups", "User permissions",
    };

    /// <summary>Fields listing permissions: recorded by their labels ("auth | user | Can view user"), as the pickers show them.</summary>
    public static readonly IReadOnlySet<string> PermissionFields = new HashSet<string>(StringComparer.Ordinal) { "User permissions", "Permissions" };

    public static IReadOnlyList<(string Field, string Value)> User(AdminUser user, IEnumerable<string> groupNames, IEnumerable<string> permissions) =>
    [
        ("Username", user.UserName ?? ""),
        ("First name", user.FirstName),
        ("Last name", user.LastName),
        ("Email address", user.Email ?? ""),
        ("Active", Flag(user.IsActive)),
        ("Staff status", Flag(user.IsStaff)),
        ("Superuser status", Flag(user.IsSuperuser)),
        ("Groups", List(groupNames)),
        ("User permissions", List(permissions.Select(Permissions.Label))),
    ];

    public static async Task<IReadOnlyList<(string Field, string Value)>> UserAsync(AdminDbContext db, AdminUser user, CancellationToken cancellationToken)
    {
        var groups = await db.UserRoles.Where(ur => ur.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, g => g.Id, (_, g) => g.Name!)
            .ToListAsync(cancellationToken);
        var permissions = await db.UserClaims.Where(c => c.UserId == user.Id && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!)
            .ToListAsync(cancellationToken);
        return User(user, groups, permissions);
    }

    public static IReadOnlyList<(string Field, string Value)> Group(string name, IEnumerable<string> permissions) =>
        [("Name", name), ("Permissions", List(permissions.Select(Permissions.Label)))];

    /// <summary>
    /// A permission list as recorded, with any codename (entries written before labels were recorded hold
    /// "auth.view_user") shown by its label.
    /// </summary>
    public static string PermissionLabels(string recorded) =>
        string.Join(", ", recorded.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(Permissions.Label));
}

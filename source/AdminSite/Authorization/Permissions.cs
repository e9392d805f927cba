namespace AdminSite.Authorization;

/// <summary>
/// The catalogue of permissions. Grants are stored as Identity claims of type <see cref="ClaimType"/>:
/// role claims for a group's permissions, user claims for a user's own.
/// </summary>
public static class Permissions
{
    public const string ClaimType = "admin.permission";

    public const string ViewUser = "auth.view_user";
    public const string AddUser = "auth.add_user";
    public const string ChangeUser = "auth.change_user";
    public const string DeleteUser = "auth.delete_user";
    public const string ViewGroup = "auth.view_group";
    public const string AddGroup = "auth.add_group";
    public const string ChangeGroup = "auth.change_group";
    public const string DeleteGroup = "auth.delete_group";

    public static IReadOnlyList<Permission> All { get; } =
    [
        new(AddGroup, "auth", "group", "add"),
        new(ChangeGroup, "auth", "group", "change"),
        new(DeleteGroup, "auth", "group", "delete"),
        new(ViewGroup, "auth", "group", "view"),
        new(AddUser, "auth", "user", "add"),
        new(ChangeUser, "auth", "user", "change"),
        new(DeleteUser, "auth", "user", "delete"),
        new(ViewUser, "auth", "user", "view"),
    ];

    private static readonly HashSet<string> Codenames = All.Select(p => p.Codename).ToHashSet(StringComparer.Ordinal);

    public static bool Exists(string codename) => Codenames.Contains(codename);

    /// <summary>"auth | user | Can view user" for a known permission, the codename itself otherwise.</summary>
    public static string Label(string codename) => All.FirstOrDefault(p => p.Codename == codename)?.Label ?? codename;
}

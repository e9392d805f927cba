using AdminSite.Identity;

namespace AdminSite.Authorization;

/// <summary>What the signed-in user may do, read from the database once per request.</summary>
public sealed class AdminAccess(
    string userId, string userName, bool isActive, bool isStaff, bool isSuperuser, IReadOnlySet<string> permissions,
    bool twoFactorEnabled = false, ColorTheme theme = ColorTheme.Auto)
{
    public static readonly AdminAccess Nobody = new("", "", false, false, false, new HashSet<string>());

    public string UserId { get; } = userId;

    public string UserName { get; } = userName;

    public bool Exists => UserId.Length > 0;

    public bool IsActive { get; } = isActive;

    public bool IsStaff { get; } = isActive && isStaff;

    public bool IsSuperuser { get; } = isActive && isSuperuser;

    public bool TwoFactorEnabled { get; } = twoFactorEnabled;

    public ColorTheme Theme { get; } = theme;

    public bool Has(string permission) => IsStaff && (IsSuperuser || permissions.Contains(permission));

    public bool HasAny(params string[] permissions) => permissions.Any(Has);

    /// <summary>The permissions among <paramref name="wanted"/> this user does not hold: what they may not hand out.</summary>
    public IReadOnlyList<string> Lacks(IEnumerable<string> wanted) => wanted.Where(p => !Has(p)).Distinct().ToList();

    public ModelAccess For(AdminModel model) => new(
        Has(model.ViewPermission) || Has(model.ChangePermission),
        Has(model.AddPermission),
        Has(model.ChangePermission),
        Has(model.DeletePermission));
}

/// <summary>Django's has_view_or_change / add / change / delete permission, for one model.</summary>
public readonly record struct ModelAccess(bool View, bool Add, bool Change, bool Delete)
{
    public bool Any => View || Add || Change || Delete;
}

namespace AdminSite.Authorization;

/// <summary>What the signed-in user may do, read from the database once per request.</summary>
public sealed class AdminAccess(string userId, string userName, bool isActive, bool isStaff, bool isSuperuser, IReadOnlySet<string> permissions)
{
    public static readonly AdminAccess Nobody = new("", "", false, false, false, new HashSet<string>());

    public string UserId { get; } = userId;

    public string UserName { get; } = userName;

    public bool Exists => UserId.Length > 0;

    public bool IsActive { get; } = isActive;

    public bool IsStaff { get; } = isActive && isStaff;

    public bool IsSuperuser { get; } = isActive && isSuperuser;

    public bool Has(string permission) => IsStaff && (IsSuperuser || permissions.Contains(permission));

    public bool HasAny(params string[] permissions) => permissions.Any(Has);

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

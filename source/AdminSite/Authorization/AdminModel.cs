namespace AdminSite.Authorization;

/// <summary>An admin model: what the dashboard, sidebar, audit log and permission checks call it.</summary>
public sealed record AdminModel(string Key, string VerboseName, string VerboseNamePlural, string ChangeListPage, string AddPage, string ChangePage)
{
    public static readonly AdminModel User = new("user", "user", "users", "/Admin/Users/Index", "/Admin/Users/Add", "/Admin/Users/Change");

    public static readonly AdminModel Group = new("group", "group", "groups", "/Admin/Groups/Index", "/Admin/Groups/Add", "/Admin/Groups/Change");

    /// <summary>In the order the dashboard lists them (alphabetical, as Django does).</summary>
    public static IReadOnlyList<AdminModel> All { get; } = [Group, User];

    public const string AppLabel = "auth";

    public const string AppName = "Authentication and Authorization";

    public string ViewPermission => $"{AppLabel}.view_{Key}";

    public string AddPermission => $"{AppLabel}.add_{Key}";

    public string ChangePermission => $"{AppLabel}.change_{Key}";

    public string DeletePermission => $"{AppLabel}.delete_{Key}";

    public static AdminModel? Find(string key) => All.FirstOrDefault(m => m.Key == key);
}

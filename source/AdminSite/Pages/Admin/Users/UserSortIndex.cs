using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>The users table read through the index of one changelist column, named (SQLite's INDEXED BY) for <see cref="UserChangeList.Walk"/>.</summary>
internal static class UserSortIndex
{
    /// <summary>The users, read along the index that starts with <paramref name="column"/> (1 to 5).</summary>
    public static IQueryable<AdminUser> ReadThrough(AdminDbContext db, int column) => db.Users.FromSqlRaw(IndexedBy(Name(db, column)));

    /// <summary>The users table read through one index; its name comes from the model, never from the request.</summary>
    private static string IndexedBy(string index) => "SELECT * FROM \"AspNetUsers\" INDEXED BY \"" + index + "\"";

    /// <summary>The index that starts with the sort column (see AdminUserConfiguration).</summary>
    private static string Name(AdminDbContext db, int column)
    {
        string[] properties = column switch
        {
            1 => [nameof(AdminUser.UserName)],
            2 => [nameof(AdminUser.Email), nameof(AdminUser.UserName)],
            3 => [nameof(AdminUser.FirstName), nameof(AdminUser.UserName)],
            4 => [nameof(AdminUser.LastName), nameof(AdminUser.UserName)],
            _ => [nameof(AdminUser.IsStaff), nameof(AdminUser.UserName)],
        };
        return db.Model.FindEntityType(typeof(AdminUser))!.GetIndexes()
            .Single(i => i.Properties.Select(p => p.Name).SequenceEqual(properties))
            .GetDatabaseName()!;
    }
}

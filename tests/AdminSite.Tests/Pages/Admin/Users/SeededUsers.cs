using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>Many users at once for the changelist's tests at scale (<see cref="CountBoundTests"/>, <see cref="SparseMatchTests"/>).</summary>
internal static class SeededUsers
{
    /// <summary>
    /// Users prefix00000, prefix00001...; with <paramref name="sparseEvery"/> above 0, every so many has the last
    /// name "Sparse" (<see cref="SparseMatchTests"/>). One SQL statement inserts them all, not one entity each.
    /// </summary>
    public static Task InsertAsync(AdminSiteFactory site, string prefix, int count, int sparseEvery) => site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1})
        INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
            "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
            "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined")
        SELECT printf('%s-%05d', {prefix}, i), printf('%s%05d', {prefix}, i), upper(printf('%s%05d', {prefix}, i)),
            printf('%s.mail%05d@example.com', {prefix}, 7 * i % {count}), upper(printf('%s.mail%05d@example.com', {prefix}, 7 * i % {count})),
            0, 'stamp', 'stamp', 0, 0, 1, 0, 'First' || (i % 7),
            CASE WHEN {sparseEvery} > 0 AND i % {sparseEvery} = 0 THEN 'Sparse' ELSE 'Last' || (i % 13) END, 1, i % 3 = 0, 0, '2024-01-01 00:00:00'
        FROM n
        """));
}

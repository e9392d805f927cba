using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminSite.Data;

/// <summary>
/// Whether a table exists, asked of the catalogue. Reading a table to find out would fail on a fresh database, and
/// EF Core logs every failed command as an error even when the caller expected it.
/// </summary>
internal static class TableProbe
{
    public static async Task<bool> ExistsAsync(DatabaseFacade database, string table, CancellationToken cancellationToken)
    {
        var found = database.IsNpgsql()
            ? database.SqlQuery<int>($"SELECT CASE WHEN to_regclass({'"' + table + '"'}) IS NULL THEN 0 ELSE 1 END AS \"Value\"")
            : database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}");
        return await found.SingleAsync(cancellationToken) > 0;
    }
}

using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>
/// How many rows a large PostgreSQL table holds, from the statistics its planner keeps, instead of count(*): PostgreSQL
/// keeps no row count, so an exact count reads every row (about 50 ms for a million users on the bench machine, on
/// every page, which caps a changelist near 40 requests/s on 2 cores). The estimate is the planner's own: rows per
/// page at the last ANALYZE times the pages the table has now, so it follows a table that grew since. SQLite keeps its exact
/// count: its triggers keep the users' (<see cref="AdminSite.Data.TableRowCount"/>).
/// </summary>
public static class TableSizeEstimate
{
    /// <summary>Below this many rows an exact count takes a few milliseconds, and is made.</summary>
    public const long UsedFrom = 100_000;

    /// <summary>
    /// The estimated rows of <typeparamref name="T"/>'s table, rounded to 3 significant digits (an estimate that names
    /// every digit would claim a precision it does not have), or null where the count is to be exact: not PostgreSQL,
    /// a table never analyzed, or fewer than <see cref="UsedFrom"/> rows.
    /// </summary>
    public static async Task<int?> ReadAsync<T>(DbContext db, CancellationToken cancellationToken) where T : class
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = (entity.GetSchema() is { } schema ? Quote(schema) + "." : "") + Quote(entity.GetTableName()!);
        // reltuples is -1 before the first ANALYZE, relpages 0 for a table never vacuumed: then nothing is known.
        var estimate = await db.Database.SqlQuery<double?>($"""
            SELECT CASE WHEN c.reltuples < 0 OR c.relpages = 0 THEN NULL
                        ELSE c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::bigint) END AS "Value"
            FROM pg_class c WHERE c.oid = to_regclass({table})
            """).SingleOrDefaultAsync(cancellationToken);
        return estimate is { } rows && rows >= UsedFrom ? (int)RoundToSignificantDigits(Math.Min(rows, int.MaxValue), 3) : null;
    }

    public static double RoundToSignificantDigits(double value, int digits)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(value)) + 1 - digits);
        return Math.Round(value / scale) * scale;
    }

    /// <summary>A name as to_regclass reads it (the model's names, never the request's).</summary>
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

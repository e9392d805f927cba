using System.Collections.Concurrent;
using AdminSite.Data;
using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The values PostgreSQL's ANALYZE keeps of the four searched columns (<c>pg_stats</c>): the most common ones with the
/// share of rows each holds, and a histogram whose bounds stand for the other rows in equal shares. From them
/// <see cref="PostgresSearchLookup"/> judges how common a part of a term is. Upper-cased, as the search compares.
/// </summary>
internal sealed class SearchedValueSample(IReadOnlyList<(string Value, double Share)> values)
{
    /// <summary>
    /// ANALYZE's statistics move slowly (autovacuum analyzes a table after a tenth of it changed), so each process
    /// reads them once in a while, not once per search. Stale figures only make a lookup slower, never its answer.
    /// </summary>
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    private static readonly ConcurrentDictionary<string, (long ReadAt, SearchedValueSample Sample)> Read = new(StringComparer.Ordinal);

    /// <summary>
    /// Below this share a value's part is as rare as the sample can tell: a histogram of 100 bounds sees a part in 1%
    /// of the rows once, so rarer parts read 0 and are not compared more finely than that.
    /// </summary>
    public const double RarestShareTold = 0.01;

    /// <summary>No statistics yet: a table never analyzed.</summary>
    public bool IsEmpty => values.Count == 0;

    /// <summary>The share of the table's rows (summed over the columns) whose value holds <paramref name="part"/>.</summary>
    public double ShareHolding(string part) =>
        values.Where(v => v.Value.Contains(part, StringComparison.Ordinal)).Sum(v => v.Share);

    /// <summary>This database's sample, read at most every <see cref="KeptFor"/> (one query, under a millisecond).</summary>
    public static async Task<SearchedValueSample> ForAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        var key = db.Database.GetConnectionString() ?? "";
        var now = Environment.TickCount64;
        if (Read.TryGetValue(key, out var kept) && now - kept.ReadAt < KeptFor.TotalMilliseconds)
        {
            return kept.Sample;
        }

        var sample = await ReadAsync(db, cancellationToken);
        Read[key] = (now, sample);
        return sample;
    }

    private static async Task<SearchedValueSample> ReadAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        var users = db.Model.FindEntityType(typeof(AdminUser))!;
        string Column(string property) => users.FindProperty(property)!.GetColumnName();
        var columns = new[] { nameof(AdminUser.NormalizedUserName), nameof(AdminUser.NormalizedEmail), nameof(AdminUser.FirstName), nameof(AdminUser.LastName) }
            .Select(Column).ToArray();
        var table = users.GetTableName()!;
        // anyarray has no type of its own to read into; through text it becomes the text[] it holds.
        var rows = await db.Database.SqlQuery<ColumnStatistics>($"""
            SELECT s.null_frac AS "NullShare", s.most_common_vals::text::text[] AS "Common",
                   s.most_common_freqs AS "CommonShares", s.histogram_bounds::text::text[] AS "Bounds"
            FROM pg_stats s
            WHERE s.schemaname = current_schema() AND s.tablename = {table} AND s.attname = ANY({columns})
            """).ToListAsync(cancellationToken);
        return new SearchedValueSample(rows.SelectMany(Values).ToList());
    }

    private static IEnumerable<(string, double)> Values(ColumnStatistics column)
    {
        var common = column.Common ?? [];
        var shares = column.CommonShares ?? [];
        var bounds = column.Bounds ?? [];
        var rest = Math.Max(0, 1 - column.NullShare - shares.Sum(share => (double)share));
        return common.Zip(shares, (value, share) => (value.ToUpperInvariant(), (double)share))
            .Concat(bounds.Select(value => (value.ToUpperInvariant(), (double)rest / bounds.Length)));
    }

    private sealed record ColumnStatistics(float NullShare, string[]? Common, float[]? CommonShares, string[]? Bounds);
}

using Microsoft.EntityFrameworkCore;

namespace AdminSite.Data;

/// <summary>The SQLite flavour; its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteAdminDbContext(DbContextOptions<SqliteAdminDbContext> options) : AdminDbContext(options)
{
    /// <summary>SQLite's alone: PostgreSQL's planner estimates a table's size (<c>TableSizeEstimate</c>) without writes.</summary>
    public DbSet<TableRowCount> TableRowCounts => Set<TableRowCount>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<TableRowCount>(count =>
        {
            count.ToTable("TableRowCounts");
            count.HasKey(c => c.Table);
        });
    }
}

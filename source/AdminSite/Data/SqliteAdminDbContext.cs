using Microsoft.EntityFrameworkCore;

namespace AdminSite.Data;

/// <summary>The SQLite flavour; its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteAdminDbContext(DbContextOptions<SqliteAdminDbContext> options) : AdminDbContext(options);

using Microsoft.EntityFrameworkCore;

namespace AdminSite.Data;

/// <summary>The PostgreSQL flavour; its migrations live in <c>Data/Migrations/PostgreSQL</c>.</summary>
public sealed class PostgresAdminDbContext(DbContextOptions<PostgresAdminDbContext> options) : AdminDbContext(options);

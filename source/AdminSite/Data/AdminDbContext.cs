using AdminSite.Audit;
using AdminSite.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Data;

/// <summary>
/// Users, groups, permissions (as Identity claims), signed-in sessions, the audit log, failed logins and the
/// Data Protection key ring.
/// </summary>
/// <remarks>
/// Each database provider has its own subclass and migrations, because column types differ.
/// After changing the model, add a migration for BOTH providers from the repository root:
/// <code>
/// dotnet ef migrations add NAME --project source/AdminSite --context SqliteAdminDbContext --output-dir Data/Migrations/Sqlite
/// dotnet ef migrations add NAME --project source/AdminSite --context PostgresAdminDbContext --output-dir Data/Migrations/PostgreSQL
/// </code>
/// The design-time factories in <see cref="DesignTimeFactories"/> need no database and no configuration.
/// A test fails while either provider has model changes without a migration, and another while a migration holds a
/// step the release before it would trip on (drop, rename, NOT NULL...): see docs/schema-changes.md.
/// </remarks>
public abstract class AdminDbContext(DbContextOptions options)
    : IdentityDbContext<AdminUser, AdminGroup, string>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AdminDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets the kind on the way back, PostgreSQL insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditLog();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditLog();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The audit log is evidence: once written, nobody (not even a superuser's bug) rewrites it.
    private void GuardAuditLog()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
        }
    }
}

using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminSite.Data.Configurations;

internal sealed class AdminUserConfiguration : IEntityTypeConfiguration<AdminUser>
{
    public void Configure(EntityTypeBuilder<AdminUser> builder)
    {
        // Django's limits, so data moved from the old admin always fits.
        builder.Property(u => u.UserName).HasMaxLength(AdminUser.NameMaxLength);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(AdminUser.NameMaxLength);
        builder.Property(u => u.Email).HasMaxLength(AdminUser.EmailMaxLength);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(AdminUser.EmailMaxLength);
        builder.Property(u => u.FirstName).HasMaxLength(AdminUser.NameMaxLength);
        builder.Property(u => u.LastName).HasMaxLength(AdminUser.NameMaxLength);

        // Stored by name, so the column reads the same in both databases and survives reordering the enum.
        builder.Property(u => u.Theme).HasConversion<string>().HasMaxLength(8).HasDefaultValue(ColorTheme.Auto).HasSentinel((ColorTheme)(-1));

        // The changelist at a million users: one index per sortable column, read forwards or backwards, each
        // ending in the user name that breaks ties (Identity keeps it unique through NormalizedUserName); one per
        // flag filter. The flags' are single columns: they find the few users of a rare value, and the smallest of
        // them is what SQLite counts the whole table with.
        builder.HasIndex(u => u.UserName);
        builder.HasIndex(u => new { u.Email, u.UserName });
        builder.HasIndex(u => new { u.FirstName, u.UserName });
        builder.HasIndex(u => new { u.LastName, u.UserName });
        builder.HasIndex(u => new { u.IsStaff, u.UserName });
        builder.HasIndex(u => u.IsSuperuser);
        builder.HasIndex(u => u.IsActive);

        // Not in the model, made by the ChangeListIndexes migration: on SQLite, triggers on this table that keep
        // the search index (UserSearch, UserSearchRows) in step; on PostgreSQL, pg_trgm indexes. A migration that
        // rebuilds the SQLite table (EF does for some column changes) drops its triggers and must create them
        // again; UserSearchExactnessTests fail if it does not.
    }
}

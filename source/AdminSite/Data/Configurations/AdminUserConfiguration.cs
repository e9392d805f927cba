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
    }
}

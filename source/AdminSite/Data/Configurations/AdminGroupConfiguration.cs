using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminSite.Data.Configurations;

internal sealed class AdminGroupConfiguration : IEntityTypeConfiguration<AdminGroup>
{
    public void Configure(EntityTypeBuilder<AdminGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(AdminGroup.NameMaxLength);
        builder.Property(g => g.NormalizedName).HasMaxLength(AdminGroup.NameMaxLength);
    }
}

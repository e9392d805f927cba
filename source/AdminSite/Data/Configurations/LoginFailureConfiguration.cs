using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminSite.Data.Configurations;

internal sealed class LoginFailureConfiguration : IEntityTypeConfiguration<LoginFailure>
{
    public void Configure(EntityTypeBuilder<LoginFailure> builder)
    {
        builder.ToTable("LoginFailures");
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(64);
        // Old rows are pruned by age.
        builder.HasIndex(f => f.LastFailure);
    }
}

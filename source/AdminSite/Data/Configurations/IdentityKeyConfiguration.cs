using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminSite.Data.Configurations;

/// <summary>
/// Identity UI sets <c>Stores.MaxLengthForKeys = 128</c> at run time, but design-time tools do not see that
/// option: stating the lengths in the model keeps migrations and the running model identical.
/// </summary>
internal sealed class IdentityKeyConfiguration : IEntityTypeConfiguration<IdentityUserLogin<string>>, IEntityTypeConfiguration<IdentityUserToken<string>>
{
    private const int KeyLength = 128;

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder)
    {
        builder.Property(l => l.LoginProvider).HasMaxLength(KeyLength);
        builder.Property(l => l.ProviderKey).HasMaxLength(KeyLength);
    }

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder)
    {
        builder.Property(t => t.LoginProvider).HasMaxLength(KeyLength);
        builder.Property(t => t.Name).HasMaxLength(KeyLength);
    }
}

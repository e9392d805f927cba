using AdminSite.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminSite.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(UserSession.IdLength);
        builder.Property(s => s.ClientAddress).HasMaxLength(UserSession.AddressMaxLength);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        // A deleted account takes its sessions with it.
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // The sessions page lists one user's; the purge finds the idle ones.
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.LastSeen);
    }
}

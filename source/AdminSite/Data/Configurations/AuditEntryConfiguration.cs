using AdminSite.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminSite.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorUserName).HasMaxLength(150);
        builder.Property(e => e.ObjectType).HasMaxLength(100);
        builder.Property(e => e.ObjectId).HasMaxLength(450);
        builder.Property(e => e.ObjectRepr).HasMaxLength(AuditEntry.ObjectReprMaxLength);
        builder.Property(e => e.Message).HasMaxLength(1000);
        // Entries written before values were recorded read as "no values".
        builder.Property(e => e.Changes).HasDefaultValue("[]");

        // No foreign key to the actor on purpose: deleting a user must not delete what they did.
        builder.HasIndex(e => new { e.ActorId, e.ActionTime });
        builder.HasIndex(e => new { e.ObjectType, e.ObjectId, e.ActionTime });
        // The audit browser lists newest first, usually narrowed by date.
        builder.HasIndex(e => e.ActionTime);
    }
}

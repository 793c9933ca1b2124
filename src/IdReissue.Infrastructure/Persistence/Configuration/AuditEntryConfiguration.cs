using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>The audit chain: each entry numbered once, with its MAC and the one before.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
    }
}

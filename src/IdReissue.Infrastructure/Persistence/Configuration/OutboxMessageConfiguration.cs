using IdReissue.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>Outbox work, found by the poll's index and claimed by the node that holds the lease.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.ProcessedAt, m.FailedAt, m.AvailableAt });
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.Property(m => m.Kind).HasMaxLength(60);
        builder.Property(m => m.LockedBy).HasMaxLength(100).IsConcurrencyToken();
    }
}

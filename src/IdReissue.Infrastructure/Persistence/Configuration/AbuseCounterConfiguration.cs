using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How AbuseCounter is stored: its key and the indexes its queries use.</summary>
internal sealed class AbuseCounterConfiguration : IEntityTypeConfiguration<AbuseCounter>
{
    public void Configure(EntityTypeBuilder<AbuseCounter> builder)
    {
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(120);
    }
}

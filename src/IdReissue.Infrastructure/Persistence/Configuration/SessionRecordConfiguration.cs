using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How SessionRecord is stored: its key and the indexes its queries use.</summary>
internal sealed class SessionRecordConfiguration : IEntityTypeConfiguration<SessionRecord>
{
    public void Configure(EntityTypeBuilder<SessionRecord> builder)
    {
        builder.HasKey(s => s.TokenHash);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasIndex(s => new { s.Subject, s.Kind });
    }
}

using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How SmsCodeRecord is stored: its key and the indexes its queries use.</summary>
internal sealed class SmsCodeRecordConfiguration : IEntityTypeConfiguration<SmsCodeRecord>
{
    public void Configure(EntityTypeBuilder<SmsCodeRecord> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.PhoneIndex, s.CreatedAt });
        builder.HasIndex(s => new { s.ClientIndex, s.CreatedAt });
    }
}

using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How DataKeyRecord is stored: its key and the indexes its queries use.</summary>
internal sealed class DataKeyRecordConfiguration : IEntityTypeConfiguration<DataKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataKeyRecord> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Purpose).HasMaxLength(10);
        builder.Property(k => k.Algorithm).HasMaxLength(20);
        builder.Property(k => k.MasterKeyId).HasMaxLength(100);
    }
}

using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Sandbox.Configuration;

/// <summary>How SandboxSmsMessage is stored: its key and the indexes its queries use.</summary>
internal sealed class SandboxSmsMessageConfiguration : IEntityTypeConfiguration<SandboxSmsMessage>
{
    public void Configure(EntityTypeBuilder<SandboxSmsMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.PhoneIndex);
        builder.HasIndex(m => m.MessageId).IsUnique();
    }
}

using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Sandbox.Configuration;

/// <summary>How SandboxShipment is stored: its key and the indexes its queries use.</summary>
internal sealed class SandboxShipmentConfiguration : IEntityTypeConfiguration<SandboxShipment>
{
    public void Configure(EntityTypeBuilder<SandboxShipment> builder)
    {
        builder.HasKey(s => s.TrackingNumber);
    }
}

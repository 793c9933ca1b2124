using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Sandbox.Configuration;

/// <summary>How SandboxPaymentOrder is stored: its key and the indexes its queries use.</summary>
internal sealed class SandboxPaymentOrderConfiguration : IEntityTypeConfiguration<SandboxPaymentOrder>
{
    public void Configure(EntityTypeBuilder<SandboxPaymentOrder> builder)
    {
        builder.HasKey(o => o.OrderNumber);
    }
}

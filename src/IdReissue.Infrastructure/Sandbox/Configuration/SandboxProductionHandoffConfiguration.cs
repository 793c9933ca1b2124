using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Sandbox.Configuration;

/// <summary>How SandboxProductionHandoff is stored: its key and the indexes its queries use.</summary>
internal sealed class SandboxProductionHandoffConfiguration : IEntityTypeConfiguration<SandboxProductionHandoff>
{
    public void Configure(EntityTypeBuilder<SandboxProductionHandoff> builder)
    {
        builder.HasKey(h => h.BatchNumber);
    }
}

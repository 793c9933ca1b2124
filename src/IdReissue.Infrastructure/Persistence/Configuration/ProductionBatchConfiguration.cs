using IdReissue.Domain.Production;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How ProductionBatch is stored: its key and the indexes its queries use.</summary>
internal sealed class ProductionBatchConfiguration : IEntityTypeConfiguration<ProductionBatch>
{
    public void Configure(EntityTypeBuilder<ProductionBatch> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.BatchNumber).IsUnique();
    }
}

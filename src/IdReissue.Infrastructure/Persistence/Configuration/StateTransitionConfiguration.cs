using IdReissue.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How StateTransition is stored: its key and the indexes its queries use.</summary>
internal sealed class StateTransitionConfiguration : IEntityTypeConfiguration<StateTransition>
{
    public void Configure(EntityTypeBuilder<StateTransition> builder)
    {
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => new { t.ApplicationId, t.Sequence }).IsUnique();
        builder.Ignore(t => t.Actor);
    }
}

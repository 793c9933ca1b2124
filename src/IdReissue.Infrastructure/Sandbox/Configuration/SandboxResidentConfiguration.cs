using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Sandbox.Configuration;

/// <summary>How SandboxResident is stored: its key and the indexes its queries use.</summary>
internal sealed class SandboxResidentConfiguration : IEntityTypeConfiguration<SandboxResident>
{
    public void Configure(EntityTypeBuilder<SandboxResident> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.CitizenIdIndex).IsUnique();
        builder.HasIndex(r => r.PhoneIndex);
        builder.HasIndex(r => new { r.Profile, r.HandedOut });
    }
}

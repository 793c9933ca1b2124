using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How OfficerAccount is stored: its key and the indexes its queries use.</summary>
internal sealed class OfficerAccountConfiguration : IEntityTypeConfiguration<OfficerAccount>
{
    public void Configure(EntityTypeBuilder<OfficerAccount> builder)
    {
        builder.HasKey(o => o.Username);
        builder.HasIndex(o => o.SetupTokenHash).IsUnique();
        builder.Property(o => o.SsoSubject).HasMaxLength(400);
        builder.HasIndex(o => o.SsoSubject).IsUnique();
    }
}

/// <summary>How OfficerRecoveryCode is stored: one row a code, keyed by officer and digest.</summary>
internal sealed class OfficerRecoveryCodeConfiguration : IEntityTypeConfiguration<OfficerRecoveryCode>
{
    public void Configure(EntityTypeBuilder<OfficerRecoveryCode> builder)
    {
        builder.HasKey(c => new { c.Username, c.CodeHash });
        builder.HasOne<OfficerAccount>().WithMany().HasForeignKey(c => c.Username).OnDelete(DeleteBehavior.Cascade);
    }
}

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
    }
}

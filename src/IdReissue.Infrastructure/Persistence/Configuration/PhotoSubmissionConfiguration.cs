using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How PhotoSubmission is stored: its key and the indexes its queries use.</summary>
internal sealed class PhotoSubmissionConfiguration : IEntityTypeConfiguration<PhotoSubmission>
{
    public void Configure(EntityTypeBuilder<PhotoSubmission> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.PhotoNumber);
        builder.HasIndex(p => new { p.ApplicationId, p.SubmittedAt });
        builder.HasIndex(p => p.SubmittedAt);
    }
}

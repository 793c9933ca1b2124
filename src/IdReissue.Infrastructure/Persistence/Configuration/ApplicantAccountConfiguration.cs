using IdReissue.Domain.Accounts;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>Applicants' accounts; look-ups go by blind index, never by the encrypted values.</summary>
internal sealed class ApplicantAccountConfiguration : IEntityTypeConfiguration<ApplicantAccount>
{
    public void Configure(EntityTypeBuilder<ApplicantAccount> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property<string>(PersonalDataColumns.AccountPhoneIndex).HasMaxLength(64).IsRequired();
        builder.Property<string?>(PersonalDataColumns.AccountCitizenIdIndex).HasMaxLength(64);
        builder.Property<string?>(PersonalDataColumns.AccountProvenCitizenIdIndex).HasMaxLength(64);
        builder.HasIndex(PersonalDataColumns.AccountPhoneIndex).IsUnique();
        // Several accounts may claim an ID number by name and number; only one may prove it by face.
        builder.HasIndex(PersonalDataColumns.AccountCitizenIdIndex);
        builder.HasIndex(PersonalDataColumns.AccountProvenCitizenIdIndex).IsUnique();
    }
}

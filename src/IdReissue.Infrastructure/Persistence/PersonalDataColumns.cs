using IdReissue.Domain.Applications;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Sandbox.Records;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>
/// Which columns hold personal data (encrypted at rest) and which blind indexes stand in for them in
/// look-ups. Without a protector (design time, migrations) the model has the same columns, unconverted.
/// </summary>
public static class PersonalDataColumns
{
    public const string ApplicationCitizenIdIndex = "CitizenIdIndex";

    public static void Configure(ModelBuilder model, PersonalDataProtector? protector)
    {
        model.Entity<ReissueApplication>(b =>
        {
            b.Property<string>(ApplicationCitizenIdIndex).HasMaxLength(64);
            b.HasIndex(ApplicationCitizenIdIndex);
            Encrypt(b.Property(a => a.CitizenId), protector, "Applications.CitizenId");
            Encrypt(b.Property(a => a.Name), protector, "Applications.Name");
            Encrypt(b.Property(a => a.HouseholdNumber), protector, "Applications.HouseholdNumber");
            b.OwnsOne(a => a.Address, o =>
            {
                Encrypt(o.Property(m => m.Recipient), protector, "Applications.AddressRecipient");
                Encrypt(o.Property(m => m.Phone), protector, "Applications.AddressPhone");
                Encrypt(o.Property(m => m.Detail), protector, "Applications.AddressDetail");
            });
        });
        model.Entity<ApplicantAccount>(b =>
        {
            Encrypt(b.Property(a => a.Phone), protector, "ApplicantAccounts.Phone");
            Encrypt(b.Property(a => a.RealName), protector, "ApplicantAccounts.RealName");
            Encrypt(b.Property(a => a.CitizenId), protector, "ApplicantAccounts.CitizenId");
        });
        model.Entity<SmsCodeRecord>(b => Encrypt(b.Property(s => s.Phone), protector, "SmsCodes.Phone"));
        model.Entity<StoredFile>(b => EncryptBytes(b.Property(f => f.Content), protector, "Files.Content"));
        model.Entity<SandboxResident>(b =>
        {
            Encrypt(b.Property(r => r.CitizenId), protector, "SandboxResidents.CitizenId");
            Encrypt(b.Property(r => r.Name), protector, "SandboxResidents.Name");
            Encrypt(b.Property(r => r.HouseholdNumber), protector, "SandboxResidents.HouseholdNumber");
            Encrypt(b.Property(r => r.Phone), protector, "SandboxResidents.Phone");
        });
        model.Entity<SandboxSmsMessage>(b => Encrypt(b.Property(m => m.Phone), protector, "SandboxSmsMessages.Phone"));
    }

    /// <summary>Fills every blind index from the value it stands for, so no writer can forget one.</summary>
    public static void ApplyBlindIndexes(DbContext db, PersonalDataProtector? protector)
    {
        if (protector is null)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case ReissueApplication application:
                    entry.Property(ApplicationCitizenIdIndex).CurrentValue = protector.BlindIndex(BlindIndexKinds.CitizenId, application.CitizenId);
                    break;
                case ApplicantAccount account:
                    account.PhoneIndex = protector.BlindIndex(BlindIndexKinds.Phone, account.Phone);
                    account.CitizenIdIndex = account.CitizenId is null ? null : protector.BlindIndex(BlindIndexKinds.CitizenId, account.CitizenId);
                    account.ProvenCitizenIdIndex = account.IdentityProvenAt is null ? null : account.CitizenIdIndex;
                    break;
                case SmsCodeRecord code:
                    code.PhoneIndex = protector.BlindIndex(BlindIndexKinds.Phone, code.Phone);
                    break;
                case SandboxResident resident:
                    resident.CitizenIdIndex = protector.BlindIndex(BlindIndexKinds.CitizenId, resident.CitizenId);
                    resident.PhoneIndex = protector.BlindIndex(BlindIndexKinds.Phone, resident.Phone);
                    break;
                case SandboxSmsMessage message:
                    message.PhoneIndex = protector.BlindIndex(BlindIndexKinds.Phone, message.Phone);
                    break;
            }
        }
    }

    /// <summary>EF Core never passes null to a converter, so one converter serves required and optional columns.</summary>
    /// <summary>Marks a column as personal data (the reseal command finds them by it) and, at run time, encrypts it.</summary>
    public const string EncryptedAnnotation = "IdReissue:Encrypted";

    private static void Encrypt(PropertyBuilder property, PersonalDataProtector? protector, string column)
    {
        property.HasAnnotation(EncryptedAnnotation, column);
        if (protector is not null)
        {
            property.HasConversion(new ValueConverter<string, string>(v => protector.Protect(v, column), v => protector.Unprotect(v, column)));
        }
    }

    private static void EncryptBytes(PropertyBuilder<byte[]> property, PersonalDataProtector? protector, string column)
    {
        property.HasAnnotation(EncryptedAnnotation, column);
        if (protector is not null)
        {
            property.HasConversion(
                new ValueConverter<byte[], byte[]>(v => protector.ProtectBytes(v, column), v => protector.UnprotectBytes(v, column)),
                new ValueComparer<byte[]>((a, b) => ReferenceEquals(a, b) || (a != null && b != null && a.SequenceEqual(b)), v => v.Length, v => v));
        }
    }
}

public static class BlindIndexKinds
{
    public const string CitizenId = "citizen-id";
    public const string Phone = "phone";
    public const string Client = "client";
}

using System.Globalization;
using IdReissue.Domain.Accounts;
using IdReissue.Domain.Applications;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Sandbox.Records;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
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

    /// <summary>The account's blind indexes, kept beside the aggregate (shadow properties): log-in finds the account by
    /// the phone's; the proven one is set only while the identity is proven, and its unique index lets one account,
    /// and only a proven one, hold a citizen ID number exclusively.</summary>
    public const string AccountPhoneIndex = "PhoneIndex";
    public const string AccountCitizenIdIndex = "CitizenIdIndex";
    public const string AccountProvenCitizenIdIndex = "ProvenCitizenIdIndex";

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
        // Not personal data, but a secret the database's readers must not hold: sealed the same way.
        model.Entity<OfficerAccount>(b =>
        {
            Encrypt(b.Property(o => o.TotpSecret), protector, "Officers.TotpSecret");
            Encrypt(b.Property(o => o.PendingTotpSecret), protector, "Officers.PendingTotpSecret");
        });
        model.Entity<StoredFile>(b => EncryptBytes(b.Property(f => f.Content), protector, "Files.Content"));
    }

    /// <summary>The sandbox's personal data (its own context, <see cref="Sandbox.SandboxDbContext"/>), protected the same way.</summary>
    public static void ConfigureSandbox(ModelBuilder model, PersonalDataProtector? protector)
    {
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
                    var citizenIdIndex = account.CitizenId is null ? null : protector.BlindIndex(BlindIndexKinds.CitizenId, account.CitizenId);
                    entry.Property(AccountPhoneIndex).CurrentValue = protector.BlindIndex(BlindIndexKinds.Phone, account.Phone);
                    entry.Property(AccountCitizenIdIndex).CurrentValue = citizenIdIndex;
                    entry.Property(AccountProvenCitizenIdIndex).CurrentValue = account.IdentityProvenAt is null ? null : citizenIdIndex;
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
                case StoredFile file when entry.State == EntityState.Added:
                    // Keyed, like an index: a plain hash of a face image would confirm, to anyone holding the database and
                    // the image, that the image is in it.
                    file.Sha256 = protector.FileDigest(file.Content);
                    break;
            }
        }
    }

    /// <summary>Marks a column as personal data (the reseal command and the row check find them by it) and, at run time, encrypts it.</summary>
    public const string EncryptedAnnotation = "IdReissue:Encrypted";

    /// <summary>Rows whose primary key the database assigns are bound to another unique key, known before the insert.</summary>
    private static readonly Dictionary<Type, string> RowKeyOverrides = new()
    {
        [typeof(SandboxSmsMessage)] = nameof(SandboxSmsMessage.MessageId),
    };

    /// <summary>The properties a row's ciphertexts are bound to: the primary key (an owned type's is its owner's), or the override.</summary>
    public static IReadOnlyList<IProperty> RowKeyProperties(IEntityType type) =>
        RowKeyOverrides.TryGetValue(type.ClrType, out var name) ? [type.FindProperty(name)!] : type.FindPrimaryKey()!.Properties;

    public static string RowKey(IEnumerable<object?> values) => string.Join('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    /// <summary>
    /// Just before a save, replaces each personal value being written with its row-bound ciphertext (the
    /// converter cannot do it: it never sees the row). Returns what <see cref="Restore"/> puts back.
    /// </summary>
    public static List<SealedValue> SealForSave(DbContext db, PersonalDataProtector? protector)
    {
        var sealedValues = new List<SealedValue>();
        if (protector is null)
        {
            return sealedValues;
        }

        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Deleted)
            {
                SealOriginals(entry, protector, sealedValues);
                continue;
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            string? row = null;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.FindAnnotation(EncryptedAnnotation)?.Value is not string column || property.CurrentValue is null
                    || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }

                row ??= RowKeyOf(entry);
                var plain = property.CurrentValue;
                property.CurrentValue = Seal(protector, plain, column, row);
                sealedValues.Add(new SealedValue(property, plain));
            }
        }

        return sealedValues;
    }

    /// <summary>
    /// A deleted row that shares its table with others (an owned address replaced by a new one) is written
    /// through its original values: those are sealed too, or the converter would see plaintext and refuse.
    /// </summary>
    private static void SealOriginals(EntityEntry entry, PersonalDataProtector protector, List<SealedValue> sealedValues)
    {
        string? row = null;
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.FindAnnotation(EncryptedAnnotation)?.Value is not string column || property.OriginalValue is not { } plain)
            {
                continue;
            }

            row ??= RowKeyOf(entry);
            property.OriginalValue = Seal(protector, plain, column, row);
            sealedValues.Add(new SealedValue(property, plain, Original: true));
        }
    }

    private static object Seal(PersonalDataProtector protector, object plain, string column, string row) => plain switch
    {
        string text => protector.Protect(text, column, row),
        byte[] bytes => protector.ProtectBytes(bytes, column, row),
        _ => throw new InvalidOperationException($"{column} is neither text nor bytes."),
    };

    /// <summary>Puts the plaintext back; after a successful, accepted save also as the original value, so nothing looks changed.</summary>
    public static void Restore(List<SealedValue> sealedValues, bool saved)
    {
        foreach (var (property, plain, original) in sealedValues)
        {
            if (original)
            {
                // A deleted row is detached after a successful save; after a failed one it keeps its plaintext.
                if (!saved)
                {
                    property.OriginalValue = plain;
                }

                continue;
            }

            property.CurrentValue = plain;
            if (saved)
            {
                property.OriginalValue = plain;
                property.IsModified = false;
            }
        }
    }

    private static string RowKeyOf(EntityEntry entry)
    {
        var properties = RowKeyProperties(entry.Metadata);
        if (properties.Any(p => entry.Property(p.Name).IsTemporary))
        {
            throw new InvalidOperationException($"{entry.Metadata.DisplayName()} has no key before it is saved; bind its personal data to another unique key.");
        }

        return RowKey(properties.Select(p => entry.Property(p.Name).CurrentValue));
    }

    /// <summary>
    /// Writes accept only values <see cref="SealForSave"/> sealed for their row; anything else (a query
    /// comparing a personal column, a write past SaveChanges) is a mistake, refused rather than stored in the clear.
    /// </summary>
    private static void Encrypt(PropertyBuilder property, PersonalDataProtector? protector, string column)
    {
        property.HasAnnotation(EncryptedAnnotation, column);
        if (protector is not null)
        {
            property.HasConversion(new ValueConverter<string, string>(
                v => RequireRowBound(v, column),
                v => protector.Unprotect(v, column)));
        }
    }

    private static void EncryptBytes(PropertyBuilder<byte[]> property, PersonalDataProtector? protector, string column)
    {
        property.HasAnnotation(EncryptedAnnotation, column);
        if (protector is not null)
        {
            property.HasConversion(
                new ValueConverter<byte[], byte[]>(v => RequireRowBound(v, column), v => protector.UnprotectBytes(v, column)),
                new ValueComparer<byte[]>((a, b) => ReferenceEquals(a, b) || (a != null && b != null && a.SequenceEqual(b)), v => v.Length, v => v));
        }
    }

    private static string RequireRowBound(string value, string column) => PersonalDataProtector.IsRowBound(value) ? value : throw NotSealedForRow(column);

    private static byte[] RequireRowBound(byte[] value, string column) => PersonalDataProtector.IsRowBound(value) ? value : throw NotSealedForRow(column);

    private static InvalidOperationException NotSealedForRow(string column) =>
        new($"{column} is personal data: it is sealed for its row in SaveChanges and cannot be written or compared otherwise.");
}

/// <summary>A personal value replaced by its ciphertext for the length of a save.</summary>
public sealed record SealedValue(PropertyEntry Property, object Plaintext, bool Original = false);

public static class BlindIndexKinds
{
    public const string CitizenId = "citizen-id";
    public const string Phone = "phone";
    public const string Client = "client";
}

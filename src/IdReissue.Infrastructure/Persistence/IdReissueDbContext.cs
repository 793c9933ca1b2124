using System.Text.Json;
using IdReissue.Domain.Accounts;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Payments;
using IdReissue.Domain.Production;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Sandbox.Records;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdReissue.Infrastructure.Persistence;

public sealed class IdReissueDbContext(DbContextOptions<IdReissueDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ReissueApplication> Applications => Set<ReissueApplication>();

    public DbSet<StateTransition> StateTransitions => Set<StateTransition>();

    public DbSet<ApplicantAccount> ApplicantAccounts => Set<ApplicantAccount>();

    public DbSet<OfficerAccount> Officers => Set<OfficerAccount>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    public DbSet<SmsCodeRecord> SmsCodes => Set<SmsCodeRecord>();

    public DbSet<PaymentOrder> PaymentOrders => Set<PaymentOrder>();

    public DbSet<ReceivedNotification> ReceivedNotifications => Set<ReceivedNotification>();

    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<PhotoSubmission> PhotoSubmissions => Set<PhotoSubmission>();

    public DbSet<ProductionBatch> ProductionBatches => Set<ProductionBatch>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<SettingRecord> Settings => Set<SettingRecord>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>ASP.NET Core data-protection keys, shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SandboxResident> SandboxResidents => Set<SandboxResident>();

    public DbSet<SandboxPaymentOrder> SandboxPaymentOrders => Set<SandboxPaymentOrder>();

    public DbSet<SandboxProductionHandoff> SandboxProductionHandoffs => Set<SandboxProductionHandoff>();

    public DbSet<SandboxShipment> SandboxShipments => Set<SandboxShipment>();

    public DbSet<SandboxSmsMessage> SandboxSmsMessages => Set<SandboxSmsMessage>();

    public DbSet<DataKeyRecord> DataKeys => Set<DataKeyRecord>();

    public DbSet<AbuseCounter> AbuseCounters => Set<AbuseCounter>();

    /// <summary>The protector this context encrypts with; null only at design time (migrations).</summary>
    private PersonalDataProtector? Protector => this.GetService<IDbContextOptions>().FindExtension<PersonalDataProtectionExtension>()?.Protector;

    /// <summary>The key the audit chain's MACs are computed with; only design-time contexts have none (and write no audit entries).</summary>
    private AuditChainKey AuditKey => this.GetService<IDbContextOptions>().FindExtension<PersonalDataProtectionExtension>()?.AuditKey
        ?? throw new InvalidOperationException("The audit key is not configured (Security:AuditKey).");

    /// <summary>The blind index of a value, for look-ups by citizen ID number or phone.</summary>
    public string BlindIndex(string kind, string value) =>
        (Protector ?? throw new InvalidOperationException("Personal data protection is not configured.")).BlindIndex(kind, value);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TransitionOutbox.AddMessages(this);
        PersonalDataColumns.ApplyBlindIndexes(this, Protector);
        var sealedValues = PersonalDataColumns.SealForSave(this, Protector);
        var saved = false;
        try
        {
            var written = AuditChain.HasNewEntries(this)
                ? await AuditChain.SaveChainedAsync(this, AuditKey, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken)
                : await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            saved = acceptAllChangesOnSuccess;
            return written;
        }
        finally
        {
            PersonalDataColumns.Restore(sealedValues, saved);
        }
    }

    /// <summary>Only library code (data protection's key store) saves synchronously; it never writes audit entries.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TransitionOutbox.AddMessages(this);
        PersonalDataColumns.ApplyBlindIndexes(this, Protector);
        var sealedValues = PersonalDataColumns.SealForSave(this, Protector);
        var saved = false;
        try
        {
            var written = AuditChain.HasNewEntries(this)
                ? AuditChain.SaveChainedAsync(this, AuditKey, () => Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess)), CancellationToken.None).GetAwaiter().GetResult()
                : base.SaveChanges(acceptAllChangesOnSuccess);
            saved = acceptAllChangesOnSuccess;
            return written;
        }
        finally
        {
            PersonalDataColumns.Restore(sealedValues, saved);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-offset type: instants are stored there as UTC ticks, so that
        // comparisons and ordering run in SQL and mean the same as on PostgreSQL's timestamptz.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }

        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureApplications(modelBuilder);
        PersonalDataColumns.Configure(modelBuilder, Protector);
        modelBuilder.Entity<DataKeyRecord>(b =>
        {
            b.HasKey(k => k.Id);
            b.Property(k => k.Purpose).HasMaxLength(10);
            b.Property(k => k.Algorithm).HasMaxLength(20);
            b.Property(k => k.MasterKeyId).HasMaxLength(100);
        });
        modelBuilder.Entity<AbuseCounter>(b =>
        {
            b.HasKey(c => c.Key);
            b.Property(c => c.Key).HasMaxLength(120);
        });

        modelBuilder.Entity<ApplicantAccount>(b =>
        {
            b.HasKey(a => a.Id);
            b.Property<string>(PersonalDataColumns.AccountPhoneIndex).HasMaxLength(64).IsRequired();
            b.Property<string?>(PersonalDataColumns.AccountCitizenIdIndex).HasMaxLength(64);
            b.Property<string?>(PersonalDataColumns.AccountProvenCitizenIdIndex).HasMaxLength(64);
            b.HasIndex(PersonalDataColumns.AccountPhoneIndex).IsUnique();
            // Several accounts may claim an ID number by name and number; only one may prove it by face.
            b.HasIndex(PersonalDataColumns.AccountCitizenIdIndex);
            b.HasIndex(PersonalDataColumns.AccountProvenCitizenIdIndex).IsUnique();
        });
        modelBuilder.Entity<OfficerAccount>().HasKey(o => o.Username);
        modelBuilder.Entity<SessionRecord>(b =>
        {
            b.HasKey(s => s.TokenHash);
            b.HasIndex(s => s.ExpiresAt);
        });
        modelBuilder.Entity<SmsCodeRecord>(b =>
        {
            b.HasKey(s => s.Id);
            b.HasIndex(s => new { s.PhoneIndex, s.CreatedAt });
            b.HasIndex(s => new { s.ClientIndex, s.CreatedAt });
        });
        modelBuilder.Entity<PaymentOrder>(b =>
        {
            b.HasKey(o => o.OrderNumber);
            // At most one pending order per application, even when two tabs start paying at once: the
            // database refuses the second, so the applicant cannot pay twice.
            b.HasIndex(o => o.ApplicationId, "IX_PaymentOrders_ApplicationId_Pending").IsUnique().HasFilter("\"State\" = 'Pending'");
            b.HasIndex(o => o.ApplicationId);
            b.HasIndex(o => new { o.State, o.CreatedAt });
            b.Property(o => o.Version).IsConcurrencyToken();
        });

        // A notification id is the gateway's own: two gateways may use the same one.
        modelBuilder.Entity<ReceivedNotification>().HasKey(n => new { n.Source, n.NotificationId });
        modelBuilder.Entity<StoredFile>(b =>
        {
            b.HasKey(f => f.Id);
            b.HasIndex(f => f.ApplicationId);
        });
        modelBuilder.Entity<PhotoSubmission>(b =>
        {
            b.HasKey(p => p.Id);
            b.HasIndex(p => p.PhotoNumber);
            b.HasIndex(p => new { p.ApplicationId, p.SubmittedAt });
            b.HasIndex(p => p.SubmittedAt);
        });
        modelBuilder.Entity<ProductionBatch>(b =>
        {
            b.HasKey(p => p.Id);
            b.HasIndex(p => p.BatchNumber).IsUnique();
        });
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.HasKey(a => a.Id);
            b.HasIndex(a => a.Sequence).IsUnique();
            b.Property(a => a.Hash).HasMaxLength(64);
            b.Property(a => a.PreviousHash).HasMaxLength(64);
        });
        modelBuilder.Entity<IdempotencyRecord>().HasKey(i => i.Key);
        modelBuilder.Entity<SettingRecord>().HasKey(s => s.Key);

        modelBuilder.Entity<SandboxResident>(b =>
        {
            b.HasKey(r => r.Id);
            b.HasIndex(r => r.CitizenIdIndex).IsUnique();
            b.HasIndex(r => r.PhoneIndex);
            b.HasIndex(r => new { r.Profile, r.HandedOut });
        });
        modelBuilder.Entity<SandboxPaymentOrder>().HasKey(o => o.OrderNumber);
        modelBuilder.Entity<SandboxProductionHandoff>().HasKey(h => h.BatchNumber);
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.HasKey(m => m.Id);
            b.HasIndex(m => new { m.ProcessedAt, m.FailedAt, m.AvailableAt });
            b.HasIndex(m => m.DeduplicationKey).IsUnique();
            b.Property(m => m.Kind).HasMaxLength(60);
            b.Property(m => m.LockedBy).HasMaxLength(100).IsConcurrencyToken();
        });
        modelBuilder.Entity<SandboxShipment>().HasKey(s => s.TrackingNumber);
        modelBuilder.Entity<SandboxSmsMessage>(b =>
        {
            b.HasKey(m => m.Id);
            b.HasIndex(m => m.PhoneIndex);
            b.HasIndex(m => m.MessageId).IsUnique();
        });
    }

    private static void ConfigureApplications(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReissueApplication>(b =>
        {
            b.HasKey(a => a.Id);
            b.HasIndex(a => a.ApplicationNumber).IsUnique();
            b.HasIndex(a => a.OpenForAccount).IsUnique();
            b.HasIndex(a => a.PhotoNumber).IsUnique();
            b.HasIndex(a => a.AccountId);
            b.HasIndex(a => new { a.RegionId, a.State });
            b.Property(a => a.Version).IsConcurrencyToken();
            b.Property(a => a.ApplicationNumber).HasMaxLength(32);
            b.Property(a => a.RegionId).HasMaxLength(40);

            b.Property<List<UnmetCondition>>("_unmetConditions")
                .HasColumnName("UnmetConditions")
                .HasConversion(new JsonValueConverter<List<UnmetCondition>>(), new JsonValueComparer<List<UnmetCondition>>());
            b.Ignore(a => a.UnmetConditions);

            b.OwnsOne(a => a.LossReport, o =>
            {
                o.Property(l => l.ReceiptNumber).HasColumnName("LossReceiptNumber");
                o.Property(l => l.Place).HasColumnName("LossPlace").HasMaxLength(LossReport.MaxPlaceLength);
                o.Property(l => l.LostAt).HasColumnName("LostAt");
                o.Property(l => l.ReportedAt).HasColumnName("LossReportedAt");
                o.Property(l => l.ReceiptWanted).HasColumnName("LossReceiptWanted");
            });
            b.OwnsOne(a => a.Address, o =>
            {
                o.Property(m => m.Recipient).HasColumnName("AddressRecipient");
                o.Property(m => m.Phone).HasColumnName("AddressPhone");
                o.Property(m => m.DivisionCode).HasColumnName("AddressDivisionCode");
                o.Property(m => m.Detail).HasColumnName("AddressDetail");
            });
            b.OwnsOne(a => a.Postage, o =>
            {
                o.Property(p => p.SameCity).HasColumnName("PostageSameCity");
                o.Property(p => p.Amount).HasColumnName("PostageFen");
                o.Property(p => p.PayOnDelivery).HasColumnName("PostagePayOnDelivery");
            });
            b.OwnsOne(a => a.NewCardValidity, o =>
            {
                o.Property(v => v.IssuedOn).HasColumnName("CardIssuedOn");
                o.Property(v => v.Years).HasColumnName("CardValidityYears");
            });
            b.Property(a => a.CardFee).HasColumnName("CardFeeFen");

            b.HasMany(a => a.Transitions).WithOne().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            b.Navigation(a => a.Transitions).HasField("_transitions").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<StateTransition>(b =>
        {
            b.HasKey(t => t.Id);
            b.HasIndex(t => new { t.ApplicationId, t.Sequence }).IsUnique();
            b.Ignore(t => t.Actor);
        });
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    private sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));

    private sealed class JsonValueConverter<T>() : ValueConverter<T, string>(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        s => JsonSerializer.Deserialize<T>(s, JsonSerializerOptions.Default)!);

    private sealed class JsonValueComparer<T>() : Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<T>(
        (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!);
}

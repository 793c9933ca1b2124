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

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveProtectedAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>Only library code (data protection's key store) saves synchronously; it never writes audit entries.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveProtectedAsync(() => Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess)), acceptAllChangesOnSuccess, CancellationToken.None)
            .GetAwaiter().GetResult();

    /// <summary>
    /// The one save path: new state transitions get their outbox messages, blind indexes are filled from the values
    /// they stand for, personal data is sealed for the write (and the plaintext put back after, so the entities stay
    /// usable), and new audit entries are chained inside the save's transaction.
    /// </summary>
    private async Task<int> SaveProtectedAsync(Func<Task<int>> save, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        TransitionOutbox.AddMessages(this);
        PersonalDataColumns.ApplyBlindIndexes(this, Protector);
        var sealedValues = PersonalDataColumns.SealForSave(this, Protector);
        var saved = false;
        try
        {
            var written = AuditChain.HasNewEntries(this)
                ? await AuditChain.SaveChainedAsync(this, AuditKey, save, cancellationToken)
                : await save();
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
        // One IEntityTypeConfiguration per entity (Persistence/Configuration, Sandbox/Configuration); then which
        // columns are personal data, whose converters need this context's protector.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdReissueDbContext).Assembly);
        PersonalDataColumns.Configure(modelBuilder, Protector);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    private sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));
}

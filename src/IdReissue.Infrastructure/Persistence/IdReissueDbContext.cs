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
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence;

public sealed class IdReissueDbContext(DbContextOptions<IdReissueDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ReissueApplication> Applications => Set<ReissueApplication>();

    public DbSet<StateTransition> StateTransitions => Set<StateTransition>();

    public DbSet<ApplicantAccount> ApplicantAccounts => Set<ApplicantAccount>();

    public DbSet<OfficerAccount> Officers => Set<OfficerAccount>();

    public DbSet<OfficerRecoveryCode> OfficerRecoveryCodes => Set<OfficerRecoveryCode>();

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

    public DbSet<DataKeyRecord> DataKeys => Set<DataKeyRecord>();

    public DbSet<AbuseCounter> AbuseCounters => Set<AbuseCounter>();

    /// <summary>The protector this context encrypts with; null only at design time (migrations).</summary>
    private PersonalDataProtector? Protector => ProtectedSave.ProtectionOf(this)?.Protector;

    /// <summary>The blind index of a value, for look-ups by citizen ID number or phone.</summary>
    public string BlindIndex(string kind, string value) =>
        (Protector ?? throw new InvalidOperationException("Personal data protection is not configured.")).BlindIndex(kind, value);

    // Saving (outbox messages, blind indexes, sealing, the audit chain) is ProtectedSave's, an interceptor.

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StorageConventions.Apply(configurationBuilder, Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // One IEntityTypeConfiguration per entity (Persistence/Configuration; the sandbox's are SandboxDbContext's);
        // then which columns are personal data, whose converters need this context's protector.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdReissueDbContext).Assembly, type => !SandboxDbContext.Configures(type));
        PersonalDataColumns.Configure(modelBuilder, Protector);
    }
}

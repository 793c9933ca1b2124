using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Configuration;
using IdReissue.Infrastructure.Sandbox.Records;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// The sandbox gateways' own tables (the stand-ins' residents, payment orders, production hand-offs, waybills
/// and text messages), in a context of their own with their own migrations: only a host that runs the sandbox
/// migrates it, so a production database has none of them. On PostgreSQL they live in the schema "sandbox";
/// SQLite has no schemas, so there they share the file and keep their own migrations history table.
/// Residents and messages hold (synthetic) personal data, protected like the service's.
/// </summary>
public sealed class SandboxDbContext(DbContextOptions<SandboxDbContext> options) : DbContext(options)
{
    public const string Schema = "sandbox";
    public const string MigrationsHistoryTable = "__SandboxMigrationsHistory";

    public DbSet<SandboxResident> SandboxResidents => Set<SandboxResident>();

    public DbSet<SandboxPaymentOrder> SandboxPaymentOrders => Set<SandboxPaymentOrder>();

    public DbSet<SandboxProductionHandoff> SandboxProductionHandoffs => Set<SandboxProductionHandoff>();

    public DbSet<SandboxShipment> SandboxShipments => Set<SandboxShipment>();

    public DbSet<SandboxSmsMessage> SandboxSmsMessages => Set<SandboxSmsMessage>();

    private PersonalDataProtector? Protector => ProtectedSave.ProtectionOf(this)?.Protector;

    /// <summary>Whether an entity configuration is the sandbox's (Sandbox/Configuration), not the service's.</summary>
    public static bool Configures(Type configuration) => configuration.Namespace == typeof(SandboxResidentConfiguration).Namespace;

    /// <summary>The blind index of a value, for look-ups by citizen ID number or phone.</summary>
    public string BlindIndex(string kind, string value) =>
        (Protector ?? throw new InvalidOperationException("Personal data protection is not configured.")).BlindIndex(kind, value);

    /// <summary>
    /// A sandbox context on the service context's connection, for a change that spans both (a waybill and its
    /// callbacks, a cashier payment and its notifications, the demo officers and residents): saved together by
    /// <see cref="SaveTogetherAsync"/>. The caller disposes it before the service context.
    /// </summary>
    public static SandboxDbContext Beside(IdReissueDbContext db)
    {
        var options = new DbContextOptionsBuilder<SandboxDbContext>();
        var connection = db.Database.GetDbConnection();
        options.UseSandboxDatabase(db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite, connection);
        if (ProtectedSave.ProtectionOf(db) is { } protection)
        {
            options.UsePersonalDataProtection(protection.Protector, protection.AuditKey);
        }

        return new SandboxDbContext(options.Options);
    }

    /// <summary>
    /// Writes this context's changes and the service context's in one transaction (this context must be
    /// <see cref="Beside"/> it), as one SaveChanges did when the tables were in one context: both or neither.
    /// </summary>
    public async Task SaveTogetherAsync(IdReissueDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        try
        {
            // Accepted only once both are committed, so a failure leaves this context's changes pending, as before.
            await SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await Database.UseTransactionAsync(null, cancellationToken);
        }

        ChangeTracker.AcceptAllChanges();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StorageConventions.Apply(configurationBuilder, Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Database.IsNpgsql())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SandboxDbContext).Assembly, Configures);
        PersonalDataColumns.ConfigureSandbox(modelBuilder, Protector);
    }
}

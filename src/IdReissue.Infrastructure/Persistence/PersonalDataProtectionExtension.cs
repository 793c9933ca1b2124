using System.Runtime.CompilerServices;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>
/// Hands the host's <see cref="PersonalDataProtector"/> to the context's model, and its audit key to the
/// audit chain. Each protector gets its own EF service provider, so two hosts in one process (tests) never
/// share a model bound to the other's keys.
/// </summary>
public sealed class PersonalDataProtectionExtension(PersonalDataProtector protector, AuditChainKey auditKey) : IDbContextOptionsExtension
{
    public PersonalDataProtector Protector { get; } = protector;

    public AuditChainKey AuditKey { get; } = auditKey;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(PersonalDataProtectionExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "PersonalDataProtection ";

        public override int GetServiceProviderHashCode() => RuntimeHelpers.GetHashCode(extension.Protector);

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && ReferenceEquals(info.Extension is PersonalDataProtectionExtension e ? e.Protector : null, extension.Protector);

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["PersonalDataProtection"] = "on";
    }
}

public static class PersonalDataProtectionOptions
{
    private static readonly ConditionalWeakTable<PersonalDataProtector, PersonalDataRowCheck> RowChecks = new();

    public static DbContextOptionsBuilder UsePersonalDataProtection(this DbContextOptionsBuilder options, PersonalDataProtector protector, AuditChainKey auditKey)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new PersonalDataProtectionExtension(protector, auditKey));
        // One interceptor per protector: a new instance per context would make EF build a service provider each time.
        // The save path is one instance for all.
        options.AddInterceptors(RowChecks.GetValue(protector, p => new PersonalDataRowCheck(p)), ProtectedSave.Instance);

        // Each host's protector is part of its model (the column converters), so each host has its own EF
        // service provider: one in a service, dozens in a test process that starts many hosts. Past twenty EF
        // would throw; that is expected here, so it is only logged.
        options.ConfigureWarnings(w => w.Log(CoreEventId.ManyServiceProvidersCreatedWarning));
        return options;
    }
}

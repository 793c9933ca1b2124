using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Infrastructure.Regions;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Infrastructure.Inspection;

/// <summary>The ports inspection (督察) reads through: the audit log and the region policies' files.</summary>
public static class InspectionPorts
{
    public static IServiceCollection AddInspectionPorts(this IServiceCollection services)
    {
        services.AddScoped<IAuditInspection, EfAuditInspection>();
        services.AddSingleton<IRegionPolicySources>(sp => sp.GetRequiredService<RegionCatalog>());
        return services;
    }
}

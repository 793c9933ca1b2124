using IdReissue.Application.Inspection;
using IdReissue.Application.Officers;
using IdReissue.Infrastructure.Inspection;
using IdReissue.Web.Auth;

namespace IdReissue.Web.Inspection;

/// <summary>Who may inspect: an officer holding the administrator role.</summary>
public static class InspectionAccess
{
    /// <summary>The authorization policy of the inspection pages (督察: the audit viewer and the region policies): the
    /// administrators' own, as for officer accounts.</summary>
    public const string Policy = Policies.Admin;

    /// <summary>The administrator role, as the navigation asks for it.</summary>
    public const string AdminRole = OfficerRights.Admin;
}

/// <summary>Inspection's handlers and ports, registered by the host in one call.</summary>
public static class InspectionServices
{
    public static IServiceCollection AddInspection(this IServiceCollection services)
    {
        services.AddInspectionPorts();
        services.AddScoped<SearchAuditLogHandler>();
        services.AddScoped<ExportAuditLogHandler>();
        services.AddScoped<VerifyAuditChainHandler>();
        services.AddScoped<ListRegionPoliciesHandler>();
        return services;
    }
}

using IdReissue.Application.Auth;
using IdReissue.Application.Inspection;
using IdReissue.Infrastructure.Inspection;
using IdReissue.Web.Auth;

namespace IdReissue.Web.Inspection;

/// <summary>Who may inspect: an officer holding the administrator role.</summary>
public static class InspectionAccess
{
    /// <summary>The authorization policy of the inspection pages (督察: the audit viewer and the region policies).</summary>
    public const string Policy = "inspection";

    /// <summary>The administrator role as officer accounts store it today (OfficerRoles.Admin in Infrastructure).</summary>
    public const string AdminRole = "admin";
}

/// <summary>Inspection's handlers, ports and access policy, registered by the host in one call.</summary>
public static class InspectionServices
{
    public static IServiceCollection AddInspection(this IServiceCollection services)
    {
        services.AddInspectionPorts();
        services.AddScoped<SearchAuditLogHandler>();
        services.AddScoped<ExportAuditLogHandler>();
        services.AddScoped<VerifyAuditChainHandler>();
        services.AddScoped<ListRegionPoliciesHandler>();
        services.AddAuthorizationBuilder().AddPolicy(InspectionAccess.Policy,
            p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer).RequireRole(InspectionAccess.AdminRole));
        return services;
    }
}

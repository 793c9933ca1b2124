using IdReissue.Infrastructure.Configuration;

namespace IdReissue.Web.Capacity;

public static class CapacitySetup
{
    public static IServiceCollection AddWorkAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CapacityOptions>(configuration, CapacityOptions.Section);
        services.AddSingleton<WorkLimiters>();
        return services;
    }

    /// <summary>After authentication (a session has its own budget and pool), before any endpoint reads a body.</summary>
    public static IApplicationBuilder UseWorkAdmission(this IApplicationBuilder app) => app.UseMiddleware<WorkAdmissionMiddleware>();
}

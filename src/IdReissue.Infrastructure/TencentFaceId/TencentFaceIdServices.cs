using IdReissue.Infrastructure.Configuration;
using IdReissue.Domain.Gateways;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace IdReissue.Infrastructure.TencentFaceId;

public static class TencentFaceIdServices
{
    /// <summary>
    /// Binds "TencentFaceId" and, when TencentFaceId:Enabled is true, registers the adapter as
    /// <see cref="IRealPersonVerification"/> with its HTTP client and the standard resilience handler (tuned
    /// under "TencentFaceId:Resilience"). Needs the service's DbContext factory. Returns whether it was enabled.
    /// </summary>
    public static bool AddTencentFaceId(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TencentFaceIdOptions>(configuration, TencentFaceIdOptions.Section);
        if (!configuration.GetValue($"{TencentFaceIdOptions.Section}:Enabled", false))
        {
            return false;
        }

        // A retried DetectAuth only leaves an unused BizToken behind (not billed); a retried
        // GetDetectInfoEnhanced reads the same result again.
        var pipeline = services.AddHttpClient(TencentFaceIdVerification.HttpClientName).AddStandardResilienceHandler();
        var resilience = configuration.GetSection($"{TencentFaceIdOptions.Section}:Resilience");
        if (resilience.Exists())
        {
            pipeline.Configure(resilience);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IRealPersonVerification, TencentFaceIdVerification>();
        return true;
    }
}
